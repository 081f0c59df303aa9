// stats, slot-usage and worker-uptime when what answers at the UI's address sends web pages, not Storm's JSON (a
// proxy's or Jetty's 404 page, a login page): one line with the status, the path and at most the page's title.
// The real CLI against a real HTTP server on 127.0.0.1.
import { fileURLToPath } from 'node:url';
import { answerText } from '../../lib/remote/storm-ui/answer-text.js';
import { runTree } from '../helpers/process-tree.js';
import { copyWordcount, type TempProject } from '../helpers/temp-project.js';
import { startFakeStormUi, type FakeStormUi } from './fake-storm-ui.js';

const bin = fileURLToPath(new URL('../../bin/stp.js', import.meta.url));
const JETTY_404 = `<html>
<head>
<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>
<title>Error 404 Not Found</title>
</head>
<body><h2>HTTP ERROR 404 Not Found</h2>
<table>
<tr><th>URI:</th><td>/api/v1/topology/summary</td></tr>
<tr><th>STATUS:</th><td>404</td></tr>
<tr><th>MESSAGE:</th><td>Not Found</td></tr>
<tr><th>SERVLET:</th><td>-</td></tr>
</table>
<hr/><a href="https://eclipse.org/jetty">Powered by Jetty:// 9.4.51.v20230217</a><hr/>
</body>
</html>
`;

let ui: FakeStormUi;
let project: TempProject;
beforeAll(async () => {
  ui = await startFakeStormUi();
  project = copyWordcount();
  project.writeConfig({ envs: { prod: { nimbus: '127.0.0.1:1', ui: `127.0.0.1:${ui.port}` } } });
  for (const path of ['cluster/summary', 'supervisor/summary', 'topology/summary']) ui.override(path, JETTY_404, 404);
});
afterAll(async () => {
  await ui?.close();
  project?.remove();
});

const stp = (...args: string[]) => runTree(process.execPath, [bin, ...args], { cwd: project.dir, env: { ...process.env, CI: '1', NO_COLOR: '1' }, timeoutMs: 30_000 });

it.each([
  ['stats', 'topology/summary'],
  ['slot-usage', 'topology/summary'],
  ['worker-uptime', 'topology/summary'],
])('stp %s: one line naming the status, the path and the title', async (command, path) => {
  const result = await stp(command);
  expect(result.status).not.toBe(0);
  expect(result.stderr).toMatch(
    new RegExp(`^stp: Storm UI at http://127\\.0\\.0\\.1:${ui.port} answered 404 for /api/v1/${path} \\(is "ui" the Storm UI's address\\?\\): an HTML page titled "Error 404 Not Found"\\n$`),
  );
});

describe('answerText', () => {
  it('gives Storm UI\'s own error, a page\'s title, or the first line; never the whole body', () => {
    expect(answerText('{"error":"Internal Server Error","errorMessage":"org.apache.thrift.TException: nimbus down"}')).toBe('org.apache.thrift.TException: nimbus down');
    expect(answerText(JETTY_404)).toBe('an HTML page titled "Error 404 Not Found"');
    expect(answerText('<!doctype html><html><title>\n  Sign in &amp; more\n</title>')).toBe('an HTML page titled "Sign in & more"');
    expect(answerText('<html><body>no title</body></html>')).toBe('an HTML page');
    expect(answerText('\nbad gateway\nupstream said no\n')).toBe('bad gateway');
    expect(answerText(`${'x'.repeat(300)}`)).toHaveLength(160);
    expect(answerText('')).toBe('');
  });
});
