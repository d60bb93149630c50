/** The app's stylesheet, injected as one <style> inside the shadow root (no CSS file to fetch). */
// Colours and placement come from the site's settings as custom properties set on the container
// (widget-config.ts): --b brand, --bt text on brand, --ba brand as text on white, --x/--y offsets, --z.
export function widgetCss(): string {
  return `
*{box-sizing:border-box}
.panel{position:fixed;right:var(--x);bottom:calc(var(--y) + 68px);z-index:var(--z);width:370px;height:560px;max-height:calc(100vh - 108px);display:flex;flex-direction:column;overflow:hidden;background:#fff;color:#111827;border-radius:16px;box-shadow:0 12px 40px #0f172a38,0 2px 8px #0f172a14;font:14px/1.45 system-ui,sans-serif;text-align:left;opacity:0;visibility:hidden;transform:translateY(12px) scale(.98);transform-origin:bottom right;transition:opacity .18s,transform .18s,visibility 0s .18s}
.left .panel{right:auto;left:var(--x);transform-origin:bottom left}
.panel.open{opacity:1;visibility:visible;transform:none;transition:opacity .18s,transform .18s}
.head{display:flex;align-items:center;gap:12px;padding:16px 12px 14px 20px;background:var(--b);color:var(--bt)}
.head h2{margin:0;font-size:16px;font-weight:600;line-height:1.3}
.head p{margin:2px 0 0;font-size:12.5px;opacity:.85}
.x{margin-left:auto;flex:none;width:36px;height:36px;padding:0;border:0;border-radius:50%;background:transparent;color:inherit;cursor:pointer;display:grid;place-items:center}
.x:hover{background:#7f7f7f33}
button:focus-visible{outline:2px solid var(--ba);outline-offset:2px}
.x:focus-visible{outline-color:currentColor}
.status{padding:6px 16px;font-size:12.5px;text-align:center;background:#fef3c7;color:#92400e}
.status:empty{display:none}
.status.connecting{background:#eef2ff;color:#3730a3}
.log{flex:1;overflow-y:auto;overscroll-behavior:contain;padding:16px;display:flex;flex-direction:column;gap:10px;background:#f8fafc}
.hello,.b{padding:9px 13px;border-radius:16px 16px 16px 4px;background:#fff;border:1px solid #e5e7eb;white-space:pre-wrap;overflow-wrap:anywhere}
.hello{align-self:flex-start;margin:0;max-width:80%}
.m{display:flex;flex-direction:column;align-items:flex-start;max-width:80%;align-self:flex-start}
.m.me{align-self:flex-end;align-items:flex-end}
.me .b{background:var(--b);border-color:var(--b);color:var(--bt);border-radius:16px 16px 4px 16px}
.sending .b{opacity:.7}
.failed .b{background:#fee2e2;border-color:#fecaca;color:#991b1b}
.who,.meta{font-size:11.5px;color:#6b7280}
.who{margin:0 0 3px 4px;font-weight:600;display:flex;align-items:center;gap:6px}
.meta{margin:3px 4px 0}
.sys{align-self:center;margin:0;font-size:12px;color:#6b7280;text-align:center}
.retry{margin-left:6px;padding:0;border:0;background:none;color:var(--ba);font:inherit;text-decoration:underline;cursor:pointer}
.composer{display:flex;align-items:flex-end;gap:8px;padding:10px 12px;border-top:1px solid #e5e7eb;background:#fff}
.composer textarea:focus{outline:none;border-color:var(--ba);box-shadow:0 0 0 3px color-mix(in srgb,var(--ba) 25%,transparent)}
.composer textarea{flex:1;min-height:40px;max-height:120px;resize:none;padding:9px 12px;border:1px solid #d1d5db;border-radius:12px;background:#fff;color:inherit;font:inherit}
.send{flex:none;width:40px;height:40px;padding:0;border:0;border-radius:50%;background:var(--b);color:var(--bt);cursor:pointer;display:grid;place-items:center}
.send:disabled{opacity:.45;cursor:default}
.att{font-size:24px}
.av{width:24px;height:24px;border-radius:50%;object-fit:cover;flex:none;display:grid;place-items:center;background:var(--b);color:var(--bt);font-size:10.5px;font-weight:700}
.b a{color:inherit;text-decoration:underline}
.typing{align-self:flex-start;font-style:italic}
.n{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 5px;border-radius:10px;background:#b91c1c;color:#fff;font:700 12px/20px system-ui,sans-serif;text-align:center}
@media (max-width:480px){.panel{inset:0;width:auto;height:auto;max-height:none;border-radius:0}.composer textarea,.card input{font-size:16px}}
@media (prefers-reduced-motion:reduce){.panel,.panel.open{transform:none;transition:none}}
`;
}
