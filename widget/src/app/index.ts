// Entry of dist/app.js: the loader imports this chunk and calls `mount`.
export { mount } from './mount';
