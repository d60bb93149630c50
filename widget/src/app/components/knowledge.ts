// The knowledge chunk: article suggestions as the shopper types, the article reader, and the answer
// bot's card. The app chunk imports it once the shopper has typed a few characters or the bot has
// answered, which keeps app.js inside its size budget.
export { knowledgeCss as css } from './knowledge-css';
export { KnowledgePane } from './KnowledgePane';
export { botOfferAsides } from './bot-offers';
