// newman-driver runs one collection through newman (the library, as the
// newman CLI does) and writes one JSON line per event to stdout, so the Go
// harness can tell which item each request the recorder saw belongs to.
//
// Usage: node newman-driver.js COLLECTION VARS.json WORKDIR
// NODE_PATH must hold newman; HTTP_PROXY/HTTPS_PROXY point at the recorder.
//
// The copy of the collection handed to newman is normalised (documented in
// fidelity.md): a v1 collection is converted as newman converts it,
// scripts are removed, items get their JSON path as id, a non-standard
// "items" list is read as "item", and an envelope {"collection": {...}}
// is unwrapped.
'use strict';

const fs = require('fs');
const newman = require('newman');

const [collPath, varsPath, workDir] = process.argv.slice(2);
let text = fs.readFileSync(collPath, 'utf8');
if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
}
let coll = JSON.parse(text);
let prefix = '';
// A v1 collection is converted to v2.1 as newman itself would convert it
// (same test, same transformer options), before ids are set, so the item
// paths are those of the converted collection, like postgen's.
if (require('newman/lib/util').isV1Collection(coll)) {
    require('postman-collection-transformer').convert(coll, { inputVersion: '1.0.0', outputVersion: '2.1.0' }, (err, converted) => {
        if (err) {
            throw err;
        }
        coll = converted;
    });
}
if (coll && !coll.info && !coll.item && !coll.items && coll.collection && typeof coll.collection === 'object') {
    coll = coll.collection;
    prefix = 'collection.';
}

const present = (v) => v !== undefined && v !== null;

// normalise walks an item list the way postgen's parser names its paths.
// With POSTGEN_KEEP_SCRIPTS set (the harness's scripted pass) the scripts
// stay, each started by a line that fixes the clock and Math.random to the
// values the SDK's script runtime is given (FIXED_NOW, 0).
const keepScripts = !!process.env.POSTGEN_KEEP_SCRIPTS;
const fixedNow = Number(process.env.POSTGEN_FIXED_NOW || 0);
const fixClock = 'Date = (function (D) { function F(...a) { if (!(this instanceof F)) { return new D(' + fixedNow + ').toString(); } return a.length ? new D(...a) : new D(' + fixedNow + '); } F.prototype = D.prototype; F.now = () => ' + fixedNow + '; F.UTC = D.UTC; F.parse = D.parse; return F; })(Date); Math.random = () => 0;';
function fixEvents(node) {
    if (!Array.isArray(node.event)) {
        return;
    }
    node.event.forEach((e) => {
        if (!e || !e.script) {
            return;
        }
        let exec = e.script.exec;
        if (typeof exec === 'string') {
            exec = exec.split('\n');
        }
        if (Array.isArray(exec)) {
            e.script.exec = [fixClock].concat(exec);
        }
    });
}

function normalise(node, path) {
    if (keepScripts) {
        fixEvents(node);
    } else {
        delete node.event;
    }
    let key = 'item';
    if (!present(node.item) && present(node.items)) {
        key = 'items';
        node.item = node.items;
    }
    delete node.items;
    if (!Array.isArray(node.item)) {
        return;
    }
    node.item.forEach((child, i) => {
        if (!child || typeof child !== 'object') {
            return;
        }
        const p = path + key + '[' + i + ']';
        child.id = p;
        delete child._postman_id;
        normalise(child, p + '.');
    });
}
normalise(coll, prefix);

const vars = JSON.parse(fs.readFileSync(varsPath, 'utf8'));
const out = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');

newman.run({
    collection: coll,
    envVar: Object.keys(vars).map((key) => ({ key, value: vars[key] })),
    insecure: true,
    reporters: [],
    workingDir: workDir,
    timeoutRequest: 20000,
}).on('request', (err, args) => {
    out({ event: 'request', id: args.item && args.item.id, sent: !err && !!args.response, error: err ? String(err.message || err) : '' });
}).on('item', (err, args) => {
    out({ event: 'item', id: args.item && args.item.id, error: err ? String(err.message || err) : '' });
}).on('script', (err, args) => {
    if (err) {
        out({ event: 'script', id: args.item && args.item.id, error: String(err.message || err) });
    }
}).on('done', (err) => {
    out({ event: 'done', error: err ? String(err.message || err) : '' });
});
