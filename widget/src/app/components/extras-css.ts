// Styles of the extras chunk's forms, added to the shadow root when the chunk loads.
export const extrasCss = `
.card{margin:0;padding:12px;display:flex;flex-direction:column;gap:8px;border:1px solid #e5e7eb;border-radius:12px;background:#fff}
.card p{margin:0}
.card label{display:flex;flex-direction:column;gap:4px;font-size:12.5px;font-weight:600}
.card input{padding:8px 10px;border:1px solid #d1d5db;border-radius:8px;color:inherit;font:inherit;font-weight:400}
.card input:focus{outline:none;border-color:var(--ba);box-shadow:0 0 0 3px color-mix(in srgb,var(--ba) 25%,transparent)}
.card button{align-self:flex-end;padding:7px 16px;border:0;border-radius:8px;background:var(--b);color:var(--bt);font:inherit;font-weight:600;cursor:pointer}
.card button:disabled{opacity:.6;cursor:default}
.card .err{color:#b91c1c;font-size:12.5px}
.card.done{background:#ecfdf5;border-color:#a7f3d0;color:#065f46}
.row{display:flex;justify-content:flex-end;gap:8px}
.card .quiet{background:none;color:var(--ba)}.rating form{display:flex;flex-direction:column;gap:8px}
.rating textarea{padding:8px 10px;border:1px solid #d1d5db;border-radius:8px;font:inherit;resize:vertical}
.thumbs{justify-content:flex-start}
.card .quiet[aria-pressed=true]{background:var(--b);color:var(--bt)}
.card .quiet{border:1px solid #d1d5db}
`;
