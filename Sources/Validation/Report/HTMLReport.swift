import TrialCore

/// The HTML report: one self-contained page (inline CSS and JavaScript, no network access)
/// with summary cards, the rules with findings (what, why, how to fix), and a findings table
/// a person can sort (click a header) and filter (text, severity, rule, dataset).
///
/// Findings are embedded as JSON (at most `htmlFindingsPerRule` per rule; the page says how
/// many were left out) and rendered by the page's script.
enum HTMLReport {
    /// Renders `report`.
    static func render(_ report: ValidationReport, options: ReportOptions) -> String {
        let counts = report.countsBySeverity
        let groups = RuleGroup.groups(report)
        let ruleIndex = Dictionary(uniqueKeysWithValues: report.rules.enumerated().map { ($1.id, $0) })
        let sevIndex: [Severity: Int] = [.error: 0, .warning: 1, .notice: 2]

        // Embedded data: rules, then findings as compact arrays.
        var json = "{\"rules\":["
        json += report.rules.map { o in
            let shown = min(o.findingCount, options.htmlFindingsPerRule)
            let fields: [String] = [
                "\"id\":" + js(o.id), "\"sev\":" + js(o.severity.rawValue), "\"title\":" + js(o.title),
                "\"desc\":" + js(o.description), "\"fix\":" + js(o.fix),
                "\"eq\":" + js(o.equivalents.joined(separator: ", ")), "\"scope\":" + js(o.scope),
                "\"status\":" + js(o.status.rawValue), "\"reason\":" + js(o.reason ?? ""),
                "\"count\":\(o.findingCount)", "\"shown\":\(shown)",
                "\"secs\":" + (options.includeTimings ? TextReport.format3(o.seconds ?? 0) : "null"),
            ]
            return "{" + fields.joined(separator: ",") + "}"
        }.joined(separator: ",")
        json += "],\"findings\":["
        var perRule: [String: Int] = [:]
        var first = true
        for f in report.findings {
            let n = perRule[f.ruleID, default: 0]
            perRule[f.ruleID] = n + 1
            if n >= options.htmlFindingsPerRule { continue }
            if !first { json += "," }
            first = false
            json += "[\(ruleIndex[f.ruleID] ?? 0),\(sevIndex[f.severity] ?? 0)," + js(f.dataset) + ","
                + (f.row.map(String.init) ?? "null") + "," + js(f.usubjid ?? "") + "," + js(f.sequence ?? "") + ","
                + js(f.variable ?? "") + "," + js(f.value ?? "") + "," + js(f.message) + "," + js(f.expected ?? "") + "]"
        }
        json += "],\"datasets\":["
        json += report.datasets.map { d in
            "[" + js(d.name) + "," + js(d.standard.rawValue) + ",\(d.rows),\(d.variables)," + js(d.spec ?? "") + "]"
        }.joined(separator: ",")
        json += "]}"

        let notRun = report.rules.filter { $0.status == .notExecuted }
        let status = (counts[.error] ?? 0) > 0 ? "fail" : "pass"
        var h = ""
        h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>Validation report — TrialData</title>\n<style>\n\(css)\n</style>\n</head>\n<body>\n"
        h += "<header><h1>Validation report</h1><p class=\"sub\">\(report.datasets.count) dataset(s): "
        h += esc(report.datasets.map(\.name).joined(separator: ", "))
        if !report.terminologyPackages.isEmpty { h += " · terminology " + esc(report.terminologyPackages.joined(separator: ", ")) }
        h += "</p></header>\n<main>\n"
        h += "<section class=\"cards\">"
        h += card("error", counts[.error] ?? 0, "errors", status == "fail" ? "must be fixed" : "none")
        h += card("warning", counts[.warning] ?? 0, "warnings", "fix or explain")
        h += card("notice", counts[.notice] ?? 0, "notices", "information")
        h += card("rules", report.executedRuleCount, "rules executed", "of \(report.rules.count); \(notRun.count) not executed")
        h += card("datasets", report.datasets.count, "datasets", "\(report.datasets.reduce(0) { $0 + $1.rows }) records")
        h += "</section>\n"

        h += "<section><h2>Rules with findings</h2>"
        if groups.isEmpty {
            h += "<p class=\"ok\">No findings: every executed rule passed.</p>"
        } else {
            h += "<table class=\"rules\"><thead><tr><th>Severity</th><th>Rule</th><th>P21 / CORE</th><th>What is checked</th><th>Findings</th></tr></thead><tbody>"
            for g in groups {
                let o = g.outcome
                h += "<tr class=\"rule\" data-rule=\"\(esc(o.id))\" title=\"Show these findings\">"
                h += "<td><span class=\"sev \(g.worst.rawValue)\">\(g.worst.rawValue)</span></td>"
                h += "<td class=\"mono\">\(esc(o.id))</td><td class=\"mono\">\(esc(o.equivalents.joined(separator: ", ")))</td>"
                h += "<td><b>\(esc(o.title))</b><div class=\"desc\">\(esc(o.description))</div><div class=\"fix\"><b>Fix:</b> \(esc(o.fix))</div>"
                h += "<div class=\"small\"><b>Where:</b> \(esc(g.places()))</div>"
                let values = g.frequentValues()
                if !values.isEmpty { h += "<div class=\"small\"><b>Most frequent:</b> \(esc(values))</div>" }
                h += "</td>"
                h += "<td class=\"num\">\(g.findings.count)<div class=\"small\">\(esc(g.countText))</div></td></tr>"
            }
            h += "</tbody></table>"
        }
        h += "</section>\n"

        h += "<section><h2>Findings</h2><div class=\"controls\">"
        h += "<input id=\"q\" type=\"search\" placeholder=\"Filter: subject, variable, value, message…\">"
        h += "<select id=\"fsev\"><option value=\"\">All severities</option><option value=\"0\">error</option><option value=\"1\">warning</option><option value=\"2\">notice</option></select>"
        h += "<select id=\"frule\"><option value=\"\">All rules</option></select>"
        h += "<select id=\"fds\"><option value=\"\">All datasets</option></select>"
        h += "<button id=\"reset\" type=\"button\">Reset</button><span id=\"count\" class=\"small\"></span></div>"
        h += "<table id=\"findings\"><thead><tr>"
        for (i, name) in ["Severity", "Rule", "Dataset", "Row", "USUBJID", "SEQ", "Variable", "Value", "Message"].enumerated() {
            h += "<th data-col=\"\(i)\">\(name)<span class=\"arrow\"></span></th>"
        }
        h += "</tr></thead><tbody></tbody></table><p id=\"more\" class=\"small\"></p></section>\n"

        h += "<section><h2>Datasets</h2><table><thead><tr><th>Dataset</th><th>Standard</th><th>Records</th><th>Variables</th><th>Spec</th></tr></thead><tbody>"
        for d in report.datasets {
            h += "<tr><td class=\"mono\">\(esc(d.name))</td><td>\(d.standard.rawValue)</td><td class=\"num\">\(d.rows)</td><td class=\"num\">\(d.variables)</td>"
            h += d.spec.map { "<td class=\"mono\">\(esc($0))</td>" } ?? "<td><span class=\"sev notice\">no spec</span></td>"
            h += "</tr>"
        }
        h += "</tbody></table></section>\n"

        if !notRun.isEmpty {
            h += "<section><h2>Rules not executed</h2><table><thead><tr><th>Rule</th><th>Title</th><th>Why not</th></tr></thead><tbody>"
            for o in notRun { h += "<tr><td class=\"mono\">\(esc(o.id))</td><td>\(esc(o.title))</td><td>\(esc(o.reason ?? ""))</td></tr>" }
            h += "</tbody></table></section>\n"
        }
        let clean = report.rules.filter { $0.status == .executed && $0.findingCount == 0 }
        if !clean.isEmpty {
            h += "<section><h2>Rules passed</h2><p class=\"small\">"
            h += clean.map { "<span class=\"mono\" title=\"\(esc($0.description))\">\(esc($0.id))</span> \(esc($0.title))" }.joined(separator: " · ")
            h += "</p></section>\n"
        }
        h += "</main>\n<script id=\"data\" type=\"application/json\">\(json.replacing("<", with: "\\u003c"))</script>\n"
        h += "<script>\n\(script)\n</script>\n</body>\n</html>\n"
        return h
    }

    /// A summary card.
    static func card(_ kind: String, _ n: Int, _ label: String, _ note: String) -> String {
        "<div class=\"card \(kind)\"><div class=\"n\">\(n)</div><div class=\"l\">\(esc(label))</div><div class=\"small\">\(esc(note))</div></div>"
    }

    /// HTML-escaped text.
    static func esc(_ s: String) -> String { TextEscaping.html(s) }

    /// A JSON string literal.
    static func js(_ s: String) -> String { TextEscaping.jsonString(s) }

    static let css = #"""
    :root{--err:#b42318;--errbg:#fef3f2;--warn:#b54708;--warnbg:#fffaeb;--note:#175cd3;--notebg:#eff8ff;--ink:#101828;--mute:#667085;--line:#eaecf0}
    *{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#f9fafb}
    header{background:#101828;color:#fff;padding:18px 28px}h1{margin:0;font-size:22px}.sub{margin:4px 0 0;color:#d0d5dd}
    main{padding:18px 28px;max-width:1500px}h2{font-size:17px;margin:26px 0 10px}
    .cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 18px;min-width:170px}
    .card .n{font-size:28px;font-weight:700}.card .l{font-weight:600}.card.error .n{color:var(--err)}.card.warning .n{color:var(--warn)}.card.notice .n{color:var(--note)}
    table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line);border-radius:8px}
    th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:top}th{background:#f2f4f7;font-weight:600;white-space:nowrap}
    #findings th{cursor:pointer;user-select:none}#findings th:hover{background:#e4e7ec}.arrow{color:var(--mute);margin-left:4px}
    tr.rule{cursor:pointer}tr.rule:hover{background:#f9fafb}.desc{color:#344054;margin-top:3px}.fix{color:#344054;margin-top:3px}
    .sev{display:inline-block;border-radius:999px;padding:1px 9px;font-size:12px;font-weight:600}
    .sev.error{color:var(--err);background:var(--errbg)}.sev.warning{color:var(--warn);background:var(--warnbg)}.sev.notice{color:var(--note);background:var(--notebg)}
    .mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}.num{text-align:right;white-space:nowrap}
    .small{color:var(--mute);font-size:12px}.ok{color:#067647;font-weight:600}
    .controls{display:flex;gap:8px;flex-wrap:wrap;align-items:center;margin-bottom:10px}
    .controls input{flex:1;min-width:260px;padding:7px 10px;border:1px solid #d0d5dd;border-radius:8px}
    .controls select,.controls button{padding:7px 10px;border:1px solid #d0d5dd;border-radius:8px;background:#fff}
    td.val{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;max-width:220px;overflow-wrap:anywhere}
    """#

    static let script = #"""
    (function(){
    const D=JSON.parse(document.getElementById('data').textContent);
    const SEV=['error','warning','notice'];const LIMIT=1000;
    const esc=s=>String(s).replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
    const q=document.getElementById('q'),fs=document.getElementById('fsev'),fr=document.getElementById('frule'),fd=document.getElementById('fds');
    const tbody=document.querySelector('#findings tbody'),count=document.getElementById('count'),more=document.getElementById('more');
    const used=new Set(D.findings.map(f=>f[0]));
    D.rules.forEach((r,i)=>{if(used.has(i)){const o=document.createElement('option');o.value=i;o.textContent=r.id+' '+r.title;fr.appendChild(o);}});
    [...new Set(D.findings.map(f=>f[2]))].sort().forEach(d=>{const o=document.createElement('option');o.value=d;o.textContent=d;fd.appendChild(o);});
    let sortCol=0,sortDir=1;
    const key=(f,c)=>{switch(c){case 0:return f[1];case 1:return D.rules[f[0]].id;case 2:return f[2];case 3:return f[3]===null?-1:f[3];
      case 4:return f[4];case 5:return f[5]===''?-1:(isNaN(+f[5])?f[5]:+f[5]);case 6:return f[6];case 7:return f[7];default:return f[8];}};
    function render(){
      const text=q.value.trim().toLowerCase(),sev=fs.value,rule=fr.value,ds=fd.value;
      let rows=D.findings.filter(f=>(sev===''||f[1]==+sev)&&(rule===''||f[0]==+rule)&&(ds===''||f[2]===ds)&&
        (text===''||(D.rules[f[0]].id+' '+f.slice(2).join(' ')).toLowerCase().includes(text)));
      if(sortCol>=0){rows=rows.map((f,i)=>[f,i]).sort((a,b)=>{const x=key(a[0],sortCol),y=key(b[0],sortCol);
        return (x<y?-1:x>y?1:a[1]-b[1])*sortDir;}).map(p=>p[0]);}
      const shown=rows.slice(0,LIMIT);
      tbody.innerHTML=shown.map(f=>'<tr><td><span class="sev '+SEV[f[1]]+'">'+SEV[f[1]]+'</span></td><td class="mono" title="'+esc(D.rules[f[0]].title)+'">'+esc(D.rules[f[0]].id)+
        '</td><td class="mono">'+esc(f[2])+'</td><td class="num">'+(f[3]===null?'':f[3])+'</td><td class="mono">'+esc(f[4])+'</td><td class="num">'+esc(f[5])+
        '</td><td class="mono">'+esc(f[6])+'</td><td class="val">'+esc(f[7])+'</td><td>'+esc(f[8])+(f[9]?'<div class="small">expected: '+esc(f[9])+'</div>':'')+'</td></tr>').join('');
      const total=D.rules.reduce((s,r)=>s+r.count,0),embedded=D.findings.length;
      count.textContent=rows.length+' matching finding(s)'+(rows.length>LIMIT?', first '+LIMIT+' shown':'');
      more.textContent=embedded<total?(total-embedded)+' further finding(s) are not embedded in this page (limit per rule); the CSV and JSON reports hold all of them.':'';
      document.querySelectorAll('#findings th').forEach(th=>{th.querySelector('.arrow').textContent=(+th.dataset.col===sortCol)?(sortDir>0?'▲':'▼'):'';});
    }
    document.querySelectorAll('#findings th').forEach(th=>th.addEventListener('click',()=>{const c=+th.dataset.col;
      if(sortCol===c){sortDir=-sortDir;}else{sortCol=c;sortDir=1;}render();}));
    [q,fs,fr,fd].forEach(e=>e.addEventListener('input',render));
    document.getElementById('reset').addEventListener('click',()=>{q.value='';fs.value='';fr.value='';fd.value='';sortCol=0;sortDir=1;render();});
    document.querySelectorAll('tr.rule').forEach(tr=>tr.addEventListener('click',()=>{const i=D.rules.findIndex(r=>r.id===tr.dataset.rule);
      fr.value=String(i);render();document.getElementById('findings').scrollIntoView({behavior:'smooth'});}));
    render();
    })();
    """#
}
