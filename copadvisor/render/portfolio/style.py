"""The sponsors' report's one stylesheet, inlined in the page: system fonts only, colours with enough contrast
(WCAG AA for text), and print styles (A4, one CoP per page, colours kept)."""

from __future__ import annotations

STYLESHEET = """
:root{--ink:#1f2937;--muted:#4b5563;--line:#d1d5db;--soft:#f3f4f6;--accent:#1e4e8c;
--red:#b42318;--amber:#f2b441;--amber-ink:#3d2800;--green:#1f7a3a;--bar:#3b6ea5;--warn:#b45309}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--ink);background:#fff;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,
"Helvetica Neue",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:28px 28px 40px}
h1{font-size:28px;line-height:1.2;margin:0 0 4px}
h2{font-size:22px;line-height:1.25;margin:0}
h3{font-size:16px;margin:22px 0 8px;color:var(--accent)}
p{margin:6px 0}
a{color:var(--accent)}
.sub{color:var(--muted);margin:0 0 18px}
.note{background:#eef3f9;border-left:5px solid var(--accent);padding:12px 16px;margin:0 0 22px;max-width:90ch}
.note h2{font-size:16px;margin:0 0 4px}
.tiles{display:flex;flex-wrap:wrap;gap:12px;margin:0 0 22px;padding:0;list-style:none}
.tile{flex:1 1 150px;border:1px solid var(--line);border-top:6px solid var(--line);border-radius:6px;padding:10px 14px}
.tile strong{display:block;font-size:30px;line-height:1.1}
.tile.status-red{border-top-color:var(--red)}.tile.status-amber{border-top-color:var(--amber)}
.tile.status-green{border-top-color:var(--green)}.tile.status-ending{border-top-color:#6d28d9}.tile.status-error{border-top-color:#9ca3af}
.badge{display:inline-block;border-radius:999px;padding:2px 12px;font-weight:700;font-size:13px;
white-space:nowrap;border:1px solid transparent}
.badge::before{content:"";display:inline-block;width:9px;height:9px;border-radius:50%;background:currentColor;
margin-right:6px;vertical-align:1px}
.badge.status-red{background:var(--red);color:#fff}
.badge.status-amber{background:var(--amber);color:var(--amber-ink)}
.badge.status-green{background:var(--green);color:#fff}.badge.status-ending{background:#6d28d9;color:#fff}
.badge.status-error{background:#fff;color:#374151;border:1px dashed #6b7280}
.sev{display:inline-block;min-width:62px;text-align:center;border-radius:4px;padding:0 6px;font-size:12px;
font-weight:700;text-transform:uppercase;letter-spacing:.03em}
.sev-high{background:#fde8e6;color:#8a1c12}.sev-medium{background:#fdf1d6;color:#6b4500}
.sev-low{background:#e6eef8;color:#1e4e8c}.sev-info{background:#eceff3;color:#374151}
table{border-collapse:collapse;width:100%;margin:6px 0 14px;font-size:14px}
caption{text-align:left;font-weight:600;padding:0 0 6px}
th,td{border-bottom:1px solid var(--line);padding:7px 8px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.zero{color:#6b7280}
.overview td ol{margin:0;padding-left:18px;font-size:13.5px}
.overview .steps{width:46%;overflow-wrap:break-word}
.overview .stage{margin-top:6px}
.tally{list-style:none;margin:0;padding:0;font-size:13.5px;white-space:nowrap}
.tally strong{display:inline-block;min-width:1.6em;text-align:right;margin-right:4px}
.tally .zero{color:#6b7280}
.overview th[scope=row]{min-width:9em}
.key-cell{white-space:nowrap}
.overview td li{margin:0 0 3px}
.path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;color:var(--muted);
overflow-wrap:anywhere}
.columns{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:28px}
.cop{border:1px solid var(--line);border-left:8px solid var(--line);border-radius:6px;padding:18px 22px;
margin:26px 0}
.cop.status-red{border-left-color:var(--red)}.cop.status-amber{border-left-color:var(--amber)}
.cop.status-green{border-left-color:var(--green)}.cop.status-ending{border-left-color:#6d28d9}.cop.status-error{border-left-color:#9ca3af}
.cop-head{display:flex;flex-wrap:wrap;align-items:center;gap:10px 14px}
.counts{color:var(--muted)}
.risks{padding-left:0;list-style:none;margin:0}
.risks li{border-top:1px solid var(--line);padding:8px 0}
.risks .step{margin:3px 0 0;color:var(--ink)}
.also{color:var(--muted)}
.changes{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:20px}
.changes ul{margin:4px 0;padding-left:20px}
.charts{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:18px}
figure{margin:0}
figcaption{font-weight:600;font-size:14px;margin:0 0 4px}
.summary{font-size:13.5px;color:var(--ink);margin:4px 0 0}
svg.chart{display:block;width:100%;height:auto;max-width:540px;overflow:visible}
.timeline svg.chart{max-width:820px}
.distribution svg.chart{max-width:480px}
.periods{margin:6px 0;padding-left:20px;font-size:14px}
.figures{margin:10px 0 0;font-size:14px}
.figures h4{font-size:14px;margin:10px 0 4px}
.scroll{overflow-x:auto}
.history{display:flex;flex-wrap:wrap;gap:4px;list-style:none;margin:4px 0;padding:0}
.hist{flex:0 0 auto;min-width:6.2em;border-radius:4px;padding:3px 8px;font-size:12.5px;line-height:1.3;
border:1px solid transparent}
.hist .when{display:block;font-weight:600}
.hist.status-red{background:var(--red);color:#fff}.hist.status-amber{background:var(--amber);color:var(--amber-ink)}
.hist.status-green{background:var(--green);color:#fff}.hist.status-ending{background:#6d28d9;color:#fff}
.hist.status-error{background:#fff;color:#374151;border:1px dashed #6b7280}
.hist.status-not_started{background:#fff;color:#4b5563;border:1px dashed #9ca3af}
.hist:last-child{outline:2px solid var(--ink);outline-offset:1px}
.chart .grid{stroke:#e5e7eb;stroke-width:1}.chart .axis{stroke:#9ca3af;stroke-width:1}
.chart .tick{font-size:10.5px;fill:#4b5563}.chart .unit{font-size:10.5px;fill:#4b5563}
.chart .label{font-size:12px;fill:#1f2937}.chart .value{font-size:11px;font-weight:600;fill:#1f2937}
.chart .bar{fill:var(--bar)}.chart .bar.warn{fill:var(--warn)}
.chart .bar.ongoing{fill-opacity:.45;stroke:currentColor;stroke-dasharray:4 3;color:#1f2937}
.chart .hit{fill:transparent}
.chart .missing{font-size:10px;font-style:italic;fill:#6b7280}
.chart .ref{stroke:#111827;stroke-width:1.5;stroke-dasharray:6 4}
.chart .ref-label{font-size:11px;font-weight:600;fill:#111827}
.chart .trend{fill:none;stroke:var(--bar);stroke-width:2}
.chart .dot{fill:var(--bar);stroke:#fff;stroke-width:1.5}
.chart .stage{stroke:#fff;stroke-width:1}.chart .stage-label{font-size:12px;font-weight:600;fill:#111827}
.chart .now{stroke:#111827;stroke-width:2}.chart .now-label{font-weight:600;fill:#111827}
.st-potential{fill:#e2e8f0}.st-coalescing{fill:#c7d2fe}.st-maturing{fill:#a5b4fc}
.st-stewardship{fill:#818cf8}.st-transformation{fill:#e9d5ff}.st-error{fill:#d1d5db}
.key{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:6px;vertical-align:-1px;
border:1px solid #9ca3af}
.key.st-potential{background:#e2e8f0}.key.st-coalescing{background:#c7d2fe}.key.st-maturing{background:#a5b4fc}
.key.st-stewardship{background:#818cf8}.key.st-transformation{background:#e9d5ff}
.portfolio-finding{border-top:1px solid var(--line);padding:8px 0}
footer{color:var(--muted);font-size:13px;border-top:1px solid var(--line);margin-top:30px;padding-top:10px}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);
white-space:nowrap;border:0}
@media (max-width:900px){.charts,.columns,.changes{grid-template-columns:minmax(0,1fr)}}
@media (max-width:600px){
main{padding:16px 12px 28px}
h1{font-size:23px}
.cop{padding:12px 12px;border-left-width:6px}
.overview,.overview tbody,.overview tr,.overview th,.overview td{display:block;width:auto}
.overview thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)}
.overview tr{border-top:2px solid var(--line);padding:6px 0}
.overview th,.overview td{border:0;padding:3px 0;background:none}
.overview .steps{width:auto}
.overview td[data-label]::before{content:attr(data-label);display:block;font-weight:600;font-size:12.5px;
color:var(--muted)}
.tally{white-space:normal}.tally li{display:inline-block;margin-right:10px}
}
@media print{
@page{size:A4;margin:14mm 12mm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-size:10pt}
main{max-width:none;padding:0}
a{color:inherit;text-decoration:none}
.cop{break-before:page;border-width:1px 1px 1px 6px;margin:0;padding:10px 14px}
.charts{grid-template-columns:repeat(3,minmax(0,1fr));gap:10px}
figure,.risks li,.portfolio-finding,.note,.tiles,.changes>div,.history,tr{break-inside:avoid}
h2,h3,h4,figcaption,caption,.cop-head,.changes strong{break-after:avoid;page-break-after:avoid}
thead{display:table-header-group}
.changes strong{display:block}
.scroll{overflow:visible}
.overview{font-size:9pt}
.overview td ol{font-size:9pt}
}
"""
