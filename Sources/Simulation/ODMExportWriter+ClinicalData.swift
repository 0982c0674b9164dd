import EDCImport
import Foundation
import StudyModel
import TrialCore

extension ODMExportWriter {
    /// One ItemGroupData of a subject, placed in its event and form.
    struct PlacedGroup {
        var eventOID: String
        var eventRepeatKey: String?
        var eventRank: Double
        var formOID: String
        var formRepeatKey: String?
        var entityIndex: Int
        var itemGroupOID: String
        var groupKey: String?
        var items: [(oid: String, value: String)]
        var correction: Correction?
    }

    /// A value entered wrong in the group and corrected by a later Upsert.
    struct Correction {
        var item: (oid: String, value: String)
        var stamp: String
    }

    /// Writes one ItemGroupData (and its Upsert correction, if any).
    static func writeGroup(_ g: PlacedGroup, site: String, into w: inout AtomicFileWriter) throws(SimulationError) {
        let open = "          <ItemGroupData ItemGroupOID=\"" + esc(g.itemGroupOID) + "\""
            + (g.groupKey.map { " ItemGroupRepeatKey=\"" + esc($0) + "\"" } ?? "")
        func items(_ list: [(oid: String, value: String)], into w: inout AtomicFileWriter) throws(SimulationError) {
            for it in list {
                try w.write("            <ItemData ItemOID=\"")
                try w.write(esc(it.oid))
                try w.write("\" Value=\"")
                try w.write(esc(it.value))
                try w.write("\"/>\n")
            }
        }
        try w.write(open + ">\n")
        try items(g.items, into: &w)
        try w.write("          </ItemGroupData>\n")
        if let c = g.correction {
            try w.write(open + " TransactionType=\"Upsert\">\n")
            try w.write("            <AuditRecord><UserRef UserOID=\"USR.DM\"/><LocationRef LocationOID=\"LOC.\(esc(site))\"/>"
                        + "<DateTimeStamp>\(c.stamp)</DateTimeStamp>"
                        + "<ReasonForChange>Grade corrected after source data verification (query resolved)</ReasonForChange></AuditRecord>\n")
            try items([c.item], into: &w)
            try w.write("          </ItemGroupData>\n")
        }
    }

    /// Index ranges of each entity's records per subject (records are grouped by subject).
    static func ranges(_ kind: EntityKind, _ data: StudyData) -> [String: Range<Int>] {
        var out: [String: Range<Int>] = [:]
        let n = ExportRecord.count(of: kind, in: data)
        var start = 0
        while start < n {
            let id = ExportRecord.subjectID(of: kind, at: start, in: data)
            var end = start + 1
            while end < n && ExportRecord.subjectID(of: kind, at: end, in: data) == id { end += 1 }
            out[id] = out[id].map { $0.lowerBound..<end } ?? start..<end
            start = end
        }
        return out
    }

    static func timestamp(_ d: CalendarDate, _ time: String) -> String { "\(d.iso8601)T\(time)" }

    func writeClinicalData(_ data: StudyData, into w: inout AtomicFileWriter) throws(SimulationError) -> ODMExportSummary {
        let odm = mapping.odm
        let encoder = FieldEncoder(csvDateFormat: .iso8601)
        let entities = mapping.entities
        let ranges = entities.map { Self.ranges($0.entity, data) }
        // Realism targets: the first done QLQ-C30 at month 6 is entered late; the first AE of
        // grade ≥ 2 is entered one grade lower and corrected.
        let lateQLQ = data.questionnaires.first { $0.done && $0.visit == .scheduled(month: 6) }
        let correctedAE = data.adverseEvents.firstIndex { ($0.grade ?? 0) >= 2 && $0.grade! < 5 }
        var summary = ODMExportSummary(lateEnteredForm: nil, correctedItem: nil, originalValue: nil, correctedValue: nil, itemGroups: 0)
        // Study event of each visit and rank of each fixed event, computed once.
        var eventOfVisit: [Visit: (oid: String, repeatKey: String?)] = [:]
        var fixedRank: [String: Double] = [:]
        for v in mapping.visits where !v.isUnscheduled {
            if let visit = Visit(name: v.visit) { fixedRank[v.studyEventOID] = visit.number }
        }
        let gradeOID = mapping.entity(.adverseEvents)?.field("grade")?.item
        let qlqForm = entities.first(where: { $0.entity == .questionnaires })?.odm.formOID

        try w.write("  <ClinicalData StudyOID=\"\(Self.esc(odm.studyOID))\" MetaDataVersionOID=\"\(Self.esc(odm.metaDataVersionOID))\">\n")
        for subject in data.subjects {
            let sid = subject.subjectID
            var groups: [PlacedGroup] = []
            for (ei, e) in entities.enumerated() {
                guard let range = ranges[ei][sid] else { continue }
                var ordinal: [String: Int] = [:]
                for i in range {
                    let r = ExportRecord.record(of: e.entity, at: i, in: data)
                    // Event of the record.
                    var eventOID: String, eventKey: String? = nil, rank: Double
                    if let fixed = e.odm.studyEventOID {
                        eventOID = fixed
                        rank = fixedRank[fixed] ?? 1e6
                    } else {
                        var found: (oid: String, repeatKey: String?)? = nil
                        if let v = r.visit {
                            if let c = eventOfVisit[v] { found = c } else if let c = mapping.studyEvent(for: v) {
                                eventOfVisit[v] = c; found = c
                            }
                        }
                        guard let v = r.visit, let ev = found else {
                            throw .invalidInput(what: "record of \(e.entity.rawValue) for \(sid) has visit \(r.visit?.name ?? "none") with no study event in the mapping",
                                                expected: "a visits: entry for every visit")
                        }
                        eventOID = ev.oid; eventKey = ev.repeatKey; rank = v.number
                    }
                    var formKey: String? = nil, groupKey: String? = nil
                    for f in e.fields {
                        switch f.odm {
                        case .itemGroupRepeatKey?: groupKey = try encoder.scalar(r.fields[f.field] ?? .none, f, odm: true)
                        case .formRepeatKey?: formKey = try encoder.scalar(r.fields[f.field] ?? .none, f, odm: true)
                        case .studyEventRepeatKey?: eventKey = try encoder.scalar(r.fields[f.field] ?? .none, f, odm: true)
                        default: break
                        }
                    }
                    if groupKey == nil && e.odm.repeating == true {
                        let k = "\(eventOID)|\(eventKey ?? "")|\(formKey ?? "")"
                        ordinal[k, default: 0] += 1
                        groupKey = String(ordinal[k]!)
                    }
                    // Items.
                    var itemData: [(oid: String, value: String)] = []
                    itemData.reserveCapacity(e.fields.count + 4)
                    for f in e.fields {
                        if let l = f.list {
                            for (oid, value) in zip(l.items, try encoder.list(r.fields[f.field] ?? .none, f, l)) {
                                if let value { itemData.append((oid, value)) }
                            }
                        } else if let oid = f.item, let value = try encoder.scalar(r.fields[f.field] ?? .none, f, odm: true) {
                            itemData.append((oid, value))
                        }
                    }
                    summary.itemGroups += 1
                    var correction: Correction? = nil
                    if e.entity == .adverseEvents && correctedAE == i, let gradeOID,
                       let k = itemData.firstIndex(where: { $0.oid == gradeOID }) {
                        let right = itemData[k].value
                        let wrong = String((Int(right) ?? 2) - 1)
                        let entered = data.adverseEvents[i].startDate?.date.map { $0.adding(days: 10) } ?? Self.dataCutDate(data)
                        correction = Correction(item: itemData[k], stamp: Self.timestamp(entered.adding(days: 45), "14:12:00"))
                        itemData[k].value = wrong
                        summary.correctedItem = "SubjectData[\(sid)]/StudyEventData[\(eventOID)]/FormData[\(e.odm.formOID)]/ItemGroupData[\(e.odm.itemGroupOID),\(groupKey ?? "")]/ItemData[\(gradeOID)]"
                        summary.originalValue = wrong
                        summary.correctedValue = right
                        summary.itemGroups += 1
                    }
                    groups.append(PlacedGroup(eventOID: eventOID, eventRepeatKey: eventKey, eventRank: rank, formOID: e.odm.formOID,
                                              formRepeatKey: formKey, entityIndex: ei, itemGroupOID: e.odm.itemGroupOID,
                                              groupKey: groupKey, items: itemData, correction: correction))
                }
            }
            // Events in visit order (common forms last), forms in mapping order.
            let ordered = groups.enumerated().sorted {
                ($0.element.eventRank, $0.element.eventOID, $0.element.eventRepeatKey ?? "", $0.offset)
                    < ($1.element.eventRank, $1.element.eventOID, $1.element.eventRepeatKey ?? "", $1.offset)
            }.map(\.element)
            let entered = subject.inclusionDate?.date?.adding(days: 1) ?? Self.dataCutDate(data)
            var s = "    <SubjectData SubjectKey=\"\(Self.esc(sid))\" TransactionType=\"Insert\">\n"
            s += "      <AuditRecord><UserRef UserOID=\"USR.\(Self.esc(subject.siteID))\"/><LocationRef LocationOID=\"LOC.\(Self.esc(subject.siteID))\"/><DateTimeStamp>\(Self.timestamp(entered, "09:30:00"))</DateTimeStamp></AuditRecord>\n"
            s += "      <SiteRef LocationOID=\"LOC.\(Self.esc(subject.siteID))\"/>\n"
            var k = 0
            while k < ordered.count {
                let ev = ordered[k]
                s += "      <StudyEventData StudyEventOID=\"\(Self.esc(ev.eventOID))\"\(ev.eventRepeatKey.map { " StudyEventRepeatKey=\"\(Self.esc($0))\"" } ?? "")>\n"
                var j = k
                while j < ordered.count && ordered[j].eventOID == ev.eventOID && ordered[j].eventRepeatKey == ev.eventRepeatKey { j += 1 }
                // Forms of this event in mapping order.
                let inEvent = ordered[k..<j].sorted { $0.entityIndex < $1.entityIndex }
                var f = inEvent.startIndex
                while f < inEvent.endIndex {
                    let form = inEvent[f]
                    s += "        <FormData FormOID=\"\(Self.esc(form.formOID))\"\(form.formRepeatKey.map { " FormRepeatKey=\"\(Self.esc($0))\"" } ?? "")>\n"
                    if let q = lateQLQ, q.subjectID == sid, form.formOID == qlqForm,
                       let ev = mapping.studyEvent(for: q.visit), ev.oid == form.eventOID, let d = q.date?.date {
                        s += "          <AuditRecord><UserRef UserOID=\"USR.\(Self.esc(subject.siteID))\"/><LocationRef LocationOID=\"LOC.\(Self.esc(subject.siteID))\"/><DateTimeStamp>\(Self.timestamp(d.adding(days: 143), "16:45:00"))</DateTimeStamp><SourceID>paper questionnaire transcribed late</SourceID></AuditRecord>\n"
                        summary.lateEnteredForm = "SubjectData[\(sid)]/StudyEventData[\(form.eventOID)]/FormData[\(form.formOID)]"
                    }
                    try w.write(s)
                    s = ""
                    var g = f
                    while g < inEvent.endIndex && inEvent[g].formOID == form.formOID && inEvent[g].formRepeatKey == form.formRepeatKey {
                        try Self.writeGroup(inEvent[g], site: subject.siteID, into: &w)
                        g += 1
                    }
                    s += "        </FormData>\n"
                    f = g
                }
                s += "      </StudyEventData>\n"
                k = j
            }
            s += "    </SubjectData>\n"
            try w.write(s)
        }
        try w.write("  </ClinicalData>\n")
        return summary
    }
}
