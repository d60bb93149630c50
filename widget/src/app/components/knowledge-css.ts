// Styles of the knowledge chunk (suggestions, article reader, the bot's card), added to the shadow
// root when the chunk loads. `.kba` styles the server-rendered article body.
export const knowledgeCss = `
.kbl{padding:8px 12px 0;border-top:1px solid #e5e7eb;background:#fff}
.kbl p{margin:0 0 6px;font-size:12px;font-weight:600;color:#6b7280}
.kbl ul{margin:0;padding:0;list-style:none;display:flex;flex-direction:column;gap:6px}
.kbl button,.kbc{width:100%;display:flex;flex-direction:column;gap:2px;padding:8px 12px;border:1px solid #e5e7eb;border-radius:10px;background:#f8fafc;color:inherit;font:inherit;text-align:left;cursor:pointer}
.kbl button:hover,.kbc:hover{border-color:var(--ba)}
.kbl b,.kbc b{color:var(--ba);font-weight:600}
.kbl span,.kbc span{font-size:12.5px;color:#4b5563;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:100%}
.kbv{position:absolute;inset:0;z-index:1;display:flex;flex-direction:column;background:#fff}
.kbh{padding:12px;background:var(--b);color:var(--bt)}
.kbh button{padding:8px 12px;border:0;border-radius:8px;background:transparent;color:inherit;font:inherit;font-weight:600;cursor:pointer}
.kbh button:hover{background:rgba(127,127,127,.2)}
.kbh button:focus-visible{outline-color:currentColor}
.kbs{flex:1;overflow-y:auto;overscroll-behavior:contain;padding:16px 20px 20px}
.kbs h3{margin:0 0 10px;font-size:18px;line-height:1.3}
.kba{overflow-wrap:anywhere}
.kba h1,.kba h2,.kba h3,.kba h4{margin:16px 0 6px;font-size:15px;line-height:1.3}
.kba h1,.kba h2{font-size:16px}
.kba p,.kba ul,.kba ol,.kba pre,.kba blockquote,.kba table{margin:0 0 10px}
.kba ul,.kba ol{padding-left:22px}
.kba li{margin:2px 0}
.kba a{color:var(--ba);text-decoration:underline}
.kba code{padding:1px 4px;border-radius:4px;background:#f1f5f9;font:12.5px ui-monospace,Menlo,Consolas,monospace}
.kba pre{padding:10px;border-radius:8px;background:#f1f5f9;overflow-x:auto}
.kba pre code{padding:0;background:none}
.kba blockquote{padding-left:10px;border-left:3px solid #d1d5db;color:#4b5563}
.kba img{max-width:100%;height:auto}
.kba table{border-collapse:collapse}
.kba th,.kba td{padding:4px 8px;border:1px solid #e5e7eb}
.kba hr{border:0;border-top:1px solid #e5e7eb}
.kbf{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin-top:18px;padding-top:12px;border-top:1px solid #e5e7eb}
.kbf p{margin:0;flex-basis:100%;font-weight:600}
.kbf [role=alert],.kbo [role=alert]{color:#b91c1c;font-weight:400;font-size:12.5px}
.kbf button,.kbr button{padding:7px 14px;border:1px solid var(--b);border-radius:8px;background:var(--b);color:var(--bt);font:inherit;font-weight:600;cursor:pointer}
.kbf button+button,.kbr button+button{background:#fff;color:var(--ba);border-color:#d1d5db}
.kbf button:disabled,.kbr button:disabled{opacity:.6;cursor:default}
.kbo{display:flex;flex-direction:column;align-items:flex-start;gap:8px}
.kbo p{margin:0;font-size:12.5px;color:#6b7280}
.kbc{max-width:90%;background:#fff;padding:10px 12px}
.kbc span{white-space:normal;display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical}
.kbc i{margin-top:4px;font-style:normal;font-size:12.5px;font-weight:600;color:var(--ba)}
.kbr{display:flex;flex-wrap:wrap;gap:8px}
`;
