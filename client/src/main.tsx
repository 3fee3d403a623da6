/** Entry point: mounts the app into #root. */
import { render } from 'solid-js/web';
import { App } from './App';
import { locale } from './i18n';
import './styles.css';

document.documentElement.lang = locale();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
render(() => <App />, root);
