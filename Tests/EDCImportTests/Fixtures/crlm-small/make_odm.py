# Makes crlm.xml (ODM 1.3.2) from csv/*.csv through mappings/crlm/import.yaml, once, by hand-run;
# the XML is committed. edit() below then adds the transactions described in README.md.
import csv, yaml, os, re
from xml.sax.saxutils import quoteattr
M = yaml.safe_load(open("../../../../mappings/crlm/import.yaml"))
MON = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}
def iso(s):
    d, m, y = s.split("-")
    out = y
    if m.upper() in MON:
        out += "-%02d" % MON[m.upper()]
        if d.isdigit(): out += "-" + d
    return out
events = {v["visit"]: v["studyEventOID"] for v in M["visits"]}
def event_for(visit):
    if visit.startswith("UNSCHEDULED "): return events["UNSCHEDULED"], visit.split(" ")[1]
    return events[visit], None
subjects = {}
order = []
counters = {}
for e in M["entities"]:
    rows = list(csv.DictReader(open("csv/" + e["csv"], newline="", encoding="utf-8")))
    for row in rows:
        sid = row["SUBJID"]
        if sid not in subjects: subjects[sid] = []; order.append(sid)
        visit_field = next((f for f in e["fields"] if f.get("odm") == "studyEvent"), None)
        if visit_field: se, serk = event_for(row[visit_field["column"]])
        else: se, serk = e["odm"]["studyEventOID"], None
        igrk = None; items = []
        if e["odm"].get("repeating"):  # repeating groups need a repeat key; number them per event instance
            k = (sid, se, serk, e["odm"]["itemGroupOID"]); counters[k] = counters.get(k, 0) + 1; igrk = str(counters[k])
        for f in e["fields"]:
            if f.get("odm") == "itemGroupRepeatKey": igrk = row[f["column"]]; continue
            if "odm" in f: continue
            if "list" in f:
                for c, i in zip(f["list"]["columns"], f["list"]["items"]):
                    if row[c] != "": items.append((i, row[c]))
                continue
            v = row[f["column"]]
            if v == "": continue
            if f["type"] == "date": v = iso(v)
            items.append((f["item"], v))
        subjects[sid].append((se, serk, e["odm"]["formOID"], e["odm"]["itemGroupOID"], igrk, items))
out = ['<?xml version="1.0" encoding="UTF-8"?>',
       '<ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" FileOID="CRLM-SMALL" FileType="Snapshot" ODMVersion="1.3.2" CreationDateTime="2026-01-01T00:00:00">',
       '  <ClinicalData StudyOID="CRLM-LOCAL" MetaDataVersionOID="MDV.CRLM.1">']
for sid in order:
    out.append('    <SubjectData SubjectKey=%s>' % quoteattr(sid))
    for se, serk, form, ig, igrk, items in subjects[sid]:
        a = ' StudyEventRepeatKey=%s' % quoteattr(serk) if serk else ''
        b = ' ItemGroupRepeatKey=%s' % quoteattr(igrk) if igrk else ''
        out.append('      <StudyEventData StudyEventOID="%s"%s><FormData FormOID="%s"><ItemGroupData ItemGroupOID="%s"%s>' % (se, a, form, ig, b))
        for i, v in items: out.append('        <ItemData ItemOID="%s" Value=%s/>' % (i, quoteattr(v)))
        out.append('      </ItemGroupData></FormData></StudyEventData>')
    out.append('    </SubjectData>')
out += ['  </ClinicalData>', '</ODM>', '']
s = "\n".join(out)
s = s.replace('FileType="Snapshot"', 'FileType="Transactional"')
i = s.index('ItemGroupOID="IG.AE" ItemGroupRepeatKey="1"')
j = s.index('<ItemData ItemOID="IT.AE.AETOXGR" Value="2"/>', i)
s = s[:j] + '<ItemData ItemOID="IT.AE.AETOXGR" Value="1"/>' + s[j + len('<ItemData ItemOID="IT.AE.AETOXGR" Value="2"/>'):]
k = s.index('</SubjectData>', s.index('<SubjectData SubjectKey="001-002">'))
s = s[:k] + """      <StudyEventData StudyEventOID="SE.COMMON"><FormData FormOID="F.AE"><ItemGroupData ItemGroupOID="IG.AE" ItemGroupRepeatKey="2">
        <ItemData ItemOID="IT.AE.AETERM" Value="Entered in error"/>
      </ItemGroupData></FormData></StudyEventData>
    """ + s[k:]
s = s.replace('  </ClinicalData>\n</ODM>', """  </ClinicalData>
  <ClinicalData StudyOID="CRLM-LOCAL" MetaDataVersionOID="MDV.CRLM.1">
    <SubjectData SubjectKey="001-001" TransactionType="Update">
      <StudyEventData StudyEventOID="SE.COMMON"><FormData FormOID="F.AE">
        <ItemGroupData ItemGroupOID="IG.AE" ItemGroupRepeatKey="1" TransactionType="Upsert">
          <ItemData ItemOID="IT.AE.AETOXGR" Value="2" TransactionType="Upsert">
            <AuditRecord><UserRef UserOID="DM01"/><LocationRef LocationOID="SITE01"/><DateTimeStamp>2021-05-02T10:00:00</DateTimeStamp><ReasonForChange>Grade corrected at monitoring</ReasonForChange></AuditRecord>
          </ItemData>
        </ItemGroupData>
      </FormData></StudyEventData>
    </SubjectData>
    <SubjectData SubjectKey="001-002" TransactionType="Update">
      <StudyEventData StudyEventOID="SE.COMMON"><FormData FormOID="F.AE">
        <ItemGroupData ItemGroupOID="IG.AE" ItemGroupRepeatKey="2" TransactionType="Remove"/>
      </FormData></StudyEventData>
    </SubjectData>
  </ClinicalData>
</ODM>""")
open("crlm.xml", "w").write(s)
