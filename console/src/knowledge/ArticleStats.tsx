import type { Article } from '@hilo/shared';

/** What shoppers made of an article: "Did this help?" answers and how often it was opened. */
export function ArticleStats({ article }: { article: Pick<Article, 'helpful' | 'notHelpful' | 'views'> }) {
  return (
    <span class="kb-stats">
      <span title="Shoppers who said it helped">{article.helpful} helpful</span>
      <span title="Shoppers who said it did not help">{article.notHelpful} not helpful</span>
      <span title="Times shoppers opened it">
        {article.views} {article.views === 1 ? 'view' : 'views'}
      </span>
    </span>
  );
}
