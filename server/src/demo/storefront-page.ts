/** The demo storefront: a small shop page that embeds the widget exactly as a site owner would. */

const PRODUCTS = [
  { id: 'linen-shirt', name: 'Linen shirt', price: 59, colour: '#d9cbb3', note: 'Washed linen, relaxed fit' },
  { id: 'stoneware-mug', name: 'Stoneware mug', price: 18, colour: '#8aa39b', note: 'Hand-glazed, 350 ml' },
  { id: 'wool-throw', name: 'Merino throw', price: 120, colour: '#b5838d', note: '130 × 170 cm, undyed' },
  { id: 'oak-board', name: 'Oak serving board', price: 42, colour: '#a47148', note: 'Oiled solid oak' },
  { id: 'canvas-tote', name: 'Canvas tote', price: 24, colour: '#6d6875', note: 'Heavy 12 oz canvas' },
  { id: 'beeswax-candle', name: 'Beeswax candle', price: 16, colour: '#e9c46a', note: '40 h burn time' },
];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function embedSnippet(publicUrl: string, siteKey: string): string {
  return `<script async src="${escapeHtml(publicUrl)}/widget/loader.js" data-site="${escapeHtml(siteKey)}"></script>`;
}

export function storefrontPage(snippet: string): string {
  const cards = PRODUCTS.map(
    (p) => `
      <article class="card">
        <div class="swatch" style="background:${p.colour}" aria-hidden="true"></div>
        <h2>${escapeHtml(p.name)}</h2>
        <p class="note">${escapeHtml(p.note)}</p>
        <p class="price">€${p.price.toFixed(2)}</p>
        <button type="button" data-id="${p.id}" data-price="${p.price}">Add to cart</button>
      </article>`,
  ).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Casa Hilo — linen, ceramics and slow goods</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font-family: Georgia, 'Times New Roman', serif; color: #2b2522; background: #faf7f2; }
  header { display: flex; justify-content: space-between; align-items: center; padding: 18px 40px; border-bottom: 1px solid #e7dfd3; background: #fff; position: sticky; top: 0; }
  header strong { font-size: 24px; letter-spacing: .04em; }
  nav a { margin-right: 20px; color: #2b2522; text-decoration: none; font-family: system-ui, sans-serif; font-size: 14px; }
  .account button { font-family: system-ui, sans-serif; font-size: 14px; background: none; border: 1px solid #2b2522; border-radius: 20px; padding: 7px 14px; cursor: pointer; margin-right: 12px; }
  .cart { font-family: system-ui, sans-serif; font-size: 14px; background: #2b2522; color: #fff; padding: 8px 14px; border-radius: 20px; }
  .hero { padding: 56px 40px 32px; max-width: 1100px; margin: 0 auto; }
  .hero h1 { font-size: 44px; margin: 0 0 8px; font-weight: normal; }
  .hero p { font-family: system-ui, sans-serif; color: #6b625b; margin: 0; }
  main { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 28px; padding: 16px 40px 80px; max-width: 1100px; margin: 0 auto; }
  .card { background: #fff; border: 1px solid #eee5d8; border-radius: 10px; padding: 16px; font-family: system-ui, sans-serif; }
  .swatch { height: 160px; border-radius: 6px; margin-bottom: 12px; }
  .card h2 { font-family: Georgia, serif; font-weight: normal; font-size: 20px; margin: 0 0 4px; }
  .note { color: #7a716a; font-size: 13px; margin: 0 0 10px; }
  .price { font-weight: 600; margin: 0 0 12px; }
  .card button { width: 100%; padding: 10px; border: 1px solid #2b2522; background: #fff; border-radius: 6px; cursor: pointer; font: inherit; }
  .card button:hover { background: #2b2522; color: #fff; }
  footer { text-align: center; padding: 24px; font-family: system-ui, sans-serif; font-size: 13px; color: #8a8178; border-top: 1px solid #e7dfd3; }
</style>
</head>
<body>
<header>
  <strong>CASA HILO</strong>
  <nav><a href="/demo">Shop</a><a href="/demo?page=about">About</a><a href="/demo?page=shipping">Shipping</a></nav>
  <span class="account"><button type="button" id="account">Sign in as Ana</button></span>
  <span class="cart" id="cart" aria-live="polite">Cart: 0 items · €0.00</span>
</header>
<section class="hero">
  <h1>Slow goods for everyday rooms</h1>
  <p>Free shipping over €80 · 30-day returns · Questions? Chat with us, bottom right.</p>
</section>
<main>${cards}
</main>
<footer>© Casa Hilo — a demo storefront for Hilo live chat</footer>
<script>
  // The shop's own code. Hilo's queue stub lets it call the widget before (or after) the loader runs.
  (function () {
    var hilo = function () { (window.Hilo = window.Hilo || { q: [] }).q.push([].slice.call(arguments)); };
    var items = 0, total = 0, cart = document.getElementById('cart');
    document.querySelectorAll('.card button').forEach(function (b) {
      b.addEventListener('click', function () {
        items += 1; total += Number(b.getAttribute('data-price'));
        cart.textContent = 'Cart: ' + items + (items === 1 ? ' item' : ' items') + ' · €' + total.toFixed(2);
        hilo('setAttributes', { cartItems: items, cartValue: total });
      });
    });
    // A signed-in customer: the shop's backend (/demo/session) computes the userHash with the site secret.
    var account = document.getElementById('account');
    function signedIn(user) {
      account.textContent = 'Signed in as ' + user.name + ' · Sign out';
      hilo('identify', user);
    }
    if (localStorage.getItem('demo-shop-user')) signedIn(JSON.parse(localStorage.getItem('demo-shop-user')));
    account.addEventListener('click', function () {
      if (localStorage.getItem('demo-shop-user')) {
        localStorage.removeItem('demo-shop-user');
        account.textContent = 'Sign in as Ana';
        hilo('shutdown');
        return;
      }
      fetch('/demo/session').then(function (r) { return r.json(); }).then(function (user) {
        localStorage.setItem('demo-shop-user', JSON.stringify(user));
        signedIn(user);
      });
    });
  })();
</script>
${snippet}
</body>
</html>`;
}
