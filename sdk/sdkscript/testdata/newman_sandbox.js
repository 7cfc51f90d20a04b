// Differential harness for TestNewmanDiff: runs each case's pre-request
// then test scripts in postman-sandbox (newman's sandbox), answering pm.sendRequest with
// the same canned response as the Go test, and prints the resulting request
// and variables as JSON.
const Sandbox = require('postman-sandbox');
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = [];
Sandbox.createContext({ timeout: 10000 }, async (err, ctx) => {
  if (err) throw err;
  ctx.on('execution.request', function () {});
  for (const c of cases) {
    const env = { values: Object.entries(c.env || {}).map(([key, value]) => ({ key, value })) };
    const coll = { values: Object.entries(c.coll || {}).map(([key, value]) => ({ key, value })) };
    let request = c.request;
    let local = { values: [] };
    const res = { error: null };
    const runs = (c.scripts || []).map((src) => ['prerequest', src]).concat((c.test || []).map((src) => ['test', src]));
    res.tests = [];
    for (const [listen, src] of runs) {
      const id = Math.random().toString(36).slice(2);
      const r = await new Promise((resolve) => {
        const onReq = (cursor, eid, rid, req) => {
          ctx.dispatch('execution.response.' + eid, rid, null, { code: 200, status: 'OK', header: [{ key: 'Content-Type', value: 'application/json' }], stream: { type: 'Buffer', data: Array.from(Buffer.from('{"access_token":"t","expires_in":3600}')) } });
        };
        const onAssert = (cursor, list) => {
          for (const a of list) res.tests.push({ name: a.name, passed: !!a.passed, error: a.error ? String(a.error.message || a.error) : '' });
        };
        ctx.on('execution.request.' + id, onReq);
        ctx.on('execution.assertion.' + id, onAssert);
        const context = { request, environment: env, collectionVariables: coll, globals: { values: [] }, _variables: local };
        if (listen === 'test') context.response = c.response;
        ctx.execute({ listen, script: { exec: src } }, { id, timeout: 10000, context },
          (e, result) => { resolve({ e, result }); });
      });
      if (r.e) { res.error = String(r.e.message || r.e); break; }
      request = r.result.request;
      env.values = r.result.environment.values;
      coll.values = r.result.collectionVariables.values;
      local.values = r.result._variables.values;
    }
    const sdk = require('postman-collection');
    const rq = new sdk.Request(request);
    res.method = rq.method;
    res.url = rq.url.toString();
    res.header = rq.headers.all().filter(h => !h.disabled).map(h => h.key + ': ' + h.value);
    res.env = Object.fromEntries(env.values.map(v => [v.key, v.value]));
    res.coll = Object.fromEntries(coll.values.map(v => [v.key, v.value]));
    res.local = Object.fromEntries(local.values.map(v => [v.key, v.value]));
    out.push(res);
  }
  process.stdout.write(JSON.stringify(out) + '\n', () => process.exit(0));
});
