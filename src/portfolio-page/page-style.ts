// The page's stylesheet, inline: no CDN and no web fonts, so the page renders the same offline and
// inside a locked-down network. System fonts, HubSpot-like neutrals.
export const PAGE_STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f5f8fa;color:#2d3e50;font:14px/1.45 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"DejaVu Sans",sans-serif}
header.top{background:#213343;color:#fff;padding:18px 28px;display:flex;justify-content:space-between;align-items:flex-end;gap:24px;flex-wrap:wrap}
header.top h1{margin:0;font-size:22px;font-weight:600}
header.top .sub{color:#cbd6e2;font-size:13px;margin-top:4px}
header.top .facts{display:flex;gap:28px;font-size:13px;color:#cbd6e2}
header.top .facts b{display:block;color:#fff;font-size:18px;font-weight:600}
main{max-width:1360px;margin:0 auto;padding:20px 24px 40px}
.row{display:flex;gap:20px;align-items:flex-start;margin-bottom:18px}
.col{display:flex;flex-direction:column;gap:20px;flex:1 1 0;min-width:0}
.col.wide{flex-grow:1.2}
.matrix-panel{flex:0 0 auto;width:660px}
svg.whale{width:100%;height:auto;display:block}
.panel{background:#fff;border:1px solid #dfe3eb;border-radius:6px;padding:16px 20px}
.panel h2{margin:0 0 4px;font-size:16px;font-weight:600}
.note{margin:0 0 10px;color:#516f90;font-size:12.5px}
svg text{font-family:inherit}
svg .grid{stroke:#e6ebf1;stroke-width:1}
svg .frame{fill:none;stroke:#b6c2cf}
svg .axis{stroke:#7c98b6}
svg .tick{fill:#516f90;font-size:11px}
svg .axis-title{fill:#33475b;font-size:12px;font-weight:600}
svg .threshold{stroke:#33475b;stroke-width:1.5;stroke-dasharray:6 4}
svg .threshold-label{fill:#213343;font-size:12px;font-weight:600}
svg .quadrant-label{fill:#213343;font-size:13px;font-weight:700;letter-spacing:.2px}
svg .quadrant-label,svg .halo{paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}
svg .dot{fill-opacity:.72;stroke:#fff;stroke-width:.6}
svg .dot.hollow{fill:none;stroke-width:1.8}
svg .whale-line{fill:none;stroke:#0072b2;stroke-width:2}
svg .whale-area{fill:#0072b2;fill-opacity:.08}
svg .hundred{stroke:#33475b;stroke-dasharray:5 4}
svg .hundred-label,svg .peak-label{fill:#213343;font-size:12px;font-weight:600}
svg .peak{fill:#e69f00;stroke:#fff;stroke-width:1.5}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;align-items:center;font-size:12.5px;color:#33475b;margin-top:6px}
.swatch{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:6px;vertical-align:-1px}
.swatch.hollow{background:none!important;border:1.5px solid #516f90}
.size-legend{display:inline-flex;align-items:center;gap:6px}
.size-legend svg{vertical-align:middle}
.quadrant-grid{display:grid;grid-template-columns:1fr 1fr;gap:8px}
.tile{border-radius:5px;padding:10px 12px;border:1px solid #e6ebf1}
.tile .n{font-size:24px;font-weight:600;line-height:1.1}
.tile .what{font-size:12.5px;color:#516f90}
.tile.key{background:#fdf3e1}.tile.key_development{background:#eaf3fa}.tile.maintenance{background:#eef6f1}.tile.opportunistic{background:#f5f6f7}
.bars{display:grid;grid-template-columns:96px 1fr 64px;gap:6px 10px;align-items:center;font-size:13px}
.bar{height:10px;background:#eef2f6;border-radius:5px;overflow:hidden}.bar span{display:block;height:100%;border-radius:5px}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table{border-collapse:collapse;width:100%;font-size:13px}
th{text-align:left;font-weight:600;color:#516f90;font-size:12px;border-bottom:1px solid #dfe3eb;padding:6px 8px;white-space:nowrap}
td{padding:3px 8px;border-bottom:1px solid #f0f3f7;vertical-align:top;white-space:nowrap}
th.num,td.num{text-align:right}
td.name{max-width:230px;overflow:hidden;text-overflow:ellipsis}
.capacity{font-size:15px;font-weight:600;margin:6px 0 4px}
.capacity-bar{height:12px;background:#eef2f6;border-radius:6px;overflow:hidden;margin:0 0 10px}
.capacity-bar span{display:block;height:100%;background:#e69f00}
.pill{display:inline-block;font-size:11px;padding:1px 7px;border-radius:9px;background:#eaf0f6;color:#33475b;white-space:nowrap}
.pill.strategic{background:#fdf3e1;color:#8a5a00}
.muted{color:#7c98b6}
.neg{color:#c0392b}
.next{font-size:12.5px;color:#516f90;margin-top:8px}
form.what-if fieldset{border:1px solid #e6ebf1;border-radius:5px;margin:0 0 10px;padding:8px 12px 10px}
form.what-if legend{font-size:12px;font-weight:600;color:#516f90;padding:0 4px}
.fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(148px,1fr));gap:6px 12px}
.fields label{display:flex;justify-content:space-between;align-items:center;gap:8px;font-size:12.5px}
.fields input{width:72px}
input,select{font:inherit;font-size:13px;padding:3px 6px;border:1px solid #cbd6e2;border-radius:3px;background:#fff;color:#2d3e50}
.threshold-row{display:flex;gap:8px;align-items:center;font-size:12.5px;margin:3px 0}
.threshold-row span{width:104px}
.buttons{display:flex;gap:8px;margin-top:4px}
button{font:inherit;font-size:13px;font-weight:600;border-radius:3px;padding:7px 14px;cursor:pointer;border:1px solid #cbd6e2;background:#fff;color:#33475b}
button.primary{background:#ff7a59;border-color:#ff7a59;color:#fff}
button.save{background:#213343;border-color:#213343;color:#fff}
#what-if-result{margin-top:12px}
.result-summary{font-size:14px;margin:4px 0 10px}
.result-grid{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.moves{margin-top:8px}.moves td.moved{background:#fff1e0;font-weight:600}
.moves td.same{color:#7c98b6}
.problems{background:#fdedee;border:1px solid #f2545b;border-radius:4px;padding:8px 12px;margin-top:10px}
.problems ul{margin:4px 0 0;padding-left:18px}
.saved{background:#e5f8f6;border:1px solid #00bda5;border-radius:4px;padding:8px 12px;margin-top:10px}
.empty{padding:40px;text-align:center;color:#516f90}
#group-filter{flex:1 1 auto;border-color:#0072b2}
form.group-filter{margin-top:10px;font-size:12.5px}form.group-filter input{width:150px}
td a{color:#0072b2;text-decoration:none}
`;
