/** Entry point: mounts the app into #root. */
import { render } from 'solid-js/web';
// The base styles first, so each screen's own stylesheet (imported by the screen) wins ties.
import './styles.css';
import { App } from './App';
// The narrow-screen and touch rules last, after every screen's stylesheet, so they win ties there.
import './phone.css';
import { locale } from './i18n';
import { localJournal } from './local/journal';
import { guardPageLeave } from './local/leaveGuard';
import { localDb } from './local/localDb';

document.documentElement.lang = locale();
// Open the journal before any document: it is where an offline start reads its first data,
// and it moves back changes a previous page copied aside while leaving.
void localJournal();
// The local database takes seconds to open on a first visit (in a worker): start it now, while
// the session is checked or the person signs in, not when the first screen opens a document.
void localDb();
guardPageLeave();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
render(() => <App />, root);
