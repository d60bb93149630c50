// The second chunk: UI most shoppers never see (forms shown only in some states, the sound) and its
// styles. The app chunk imports it on first need, which keeps app.js inside its size budget.
export { extrasCss as css } from './extras-css';
export { FollowupCard } from './FollowupCard';
export { PrechatForm } from './PrechatForm';
export { RatingCard } from './RatingCard';
export { formStrings } from '../locales/forms';
export { chime, createTabLeader } from '../tab-leader';
export { sendFile } from '../upload-file';
export { rate, sendFollowupEmail, sendTranscript } from '../card-answers';
