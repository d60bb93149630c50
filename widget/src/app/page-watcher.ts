/** The page the shopper is on, cut to the server's limits. */
export interface Page {
  url: string;
  title: string;
}

const URL_MAX = 2048;
const TITLE_MAX = 300;

const currentPage = (): Page => ({ url: location.href.slice(0, URL_MAX), title: document.title.slice(0, TITLE_MAX) });

/**
 * Calls `onChange` with the current page now and whenever its URL or title changes, at most once per
 * `intervalMs`. SPA route changes are found by polling (a string compare) plus popstate/hashchange,
 * never by patching history.pushState or any other global of the host page. Returns the stop function.
 */
export function watchPage(onChange: (page: Page) => void, intervalMs = 1000): () => void {
  let last = '';
  let lastAt = -Infinity;
  let trailing: ReturnType<typeof setTimeout> | undefined;

  const check = () => {
    const page = currentPage();
    const key = page.url + '\n' + page.title;
    if (key === last) return;
    const wait = lastAt + intervalMs - Date.now();
    if (wait > 0) {
      // Too soon after the last report: look again when allowed, so the final state is never missed.
      trailing ??= setTimeout(() => {
        trailing = undefined;
        check();
      }, wait);
      return;
    }
    last = key;
    lastAt = Date.now();
    onChange(page);
  };

  const poll = setInterval(check, intervalMs);
  window.addEventListener('popstate', check);
  window.addEventListener('hashchange', check);
  check();
  return () => {
    clearInterval(poll);
    clearTimeout(trailing);
    window.removeEventListener('popstate', check);
    window.removeEventListener('hashchange', check);
  };
}
