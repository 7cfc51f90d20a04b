// The Postman sandbox API of postgen's script runtime, in JavaScript over a few
// Go natives (__native: hashing, encodings, randomness, variables, logging,
// pm.sendRequest). It defines __postgen, which the Go runner drives: init(state),
// begin(path), next(), unsupported(), finish(). Scripts see pm, postman, CryptoJS,
// require, console, btoa/atob, Buffer, TextEncoder, crypto, timers, _ and the
// legacy globals.
'use strict';
(function (global) {
    const N = global.__native;
    global.__native = undefined;

    let state = null;
    let event = '';
    let firstUnsupported = '';
    let tests = [];
    let tasks = [];
    let taskSeq = 0;
    let scriptPath = '';
    let initial = null;
    let currentReq = null;

    // ---- errors for what the runtime lacks -------------------------------------

    function unsupported(call) {
        if (!firstUnsupported) firstUnsupported = call;
        const e = new Error(call + " is not supported by postgen's script runtime");
        e.__postgenUnsupported = call;
        return e;
    }

    // Property names that generic code probes on any object (promise resolution,
    // JSON.stringify, console formatting): they read as undefined, not as errors.
    const PASS = new Set(['then', 'toJSON', 'constructor', 'toString', 'valueOf', 'inspect',
        'nodeType', 'asymmetricMatch', '$$typeof', '__esModule', 'length', 'prototype', 'name',
        '_postman_propertyName', '_postman_propertyIsList', 'toObject', 'isPropertyList', 'default']);

    // strict wraps an API object so that reading a member it lacks is an
    // "is not supported" error naming the call, instead of a silent undefined.
    function strict(obj, label) {
        return new Proxy(obj, {
            get(t, k, r) {
                if (typeof k === 'symbol' || k in t || PASS.has(k)) return Reflect.get(t, k, r);
                throw unsupported(label + '.' + String(k));
            }
        });
    }

    // lacks is an API the runtime does not implement: calling it, or reading any
    // member of it, is an "is not supported" error.
    function lacks(label) {
        return new Proxy(function () {}, {
            apply() { throw unsupported(label); },
            construct() { throw unsupported(label); },
            get(t, k) {
                if (typeof k === 'symbol' || k === 'then' || k === 'toJSON') return undefined;
                throw unsupported(label + '.' + String(k));
            }
        });
    }

    // ---- bytes and encodings ---------------------------------------------------

    function bytesToHex(u8) {
        let s = '';
        for (let i = 0; i < u8.length; i++) s += (u8[i] < 16 ? '0' : '') + u8[i].toString(16);
        return s;
    }
    function hexToBytes(h) {
        const out = new Uint8Array(h.length >> 1);
        for (let i = 0; i < out.length; i++) out[i] = parseInt(h.substr(i * 2, 2), 16);
        return out;
    }
    function toBytes(data) {
        if (data instanceof Uint8Array) return data;
        if (data instanceof ArrayBuffer) return new Uint8Array(data);
        if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
        if (Array.isArray(data)) return Uint8Array.from(data);
        if (data instanceof WordArray) return hexToBytes(waToHex(data));
        return hexToBytes(N.utf8ToHex(String(data)));
    }
    function latin1ToHex(s) {
        let h = '';
        for (let i = 0; i < s.length; i++) {
            const c = s.charCodeAt(i);
            if (c > 255) throw new DOMExceptionLike('The string to be encoded contains characters outside of the Latin1 range.', 'InvalidCharacterError');
            h += (c < 16 ? '0' : '') + c.toString(16);
        }
        return h;
    }
    function hexToLatin1(h) {
        let s = '';
        for (let i = 0; i < h.length; i += 2) s += String.fromCharCode(parseInt(h.substr(i, 2), 16));
        return s;
    }
    class DOMExceptionLike extends Error {
        constructor(message, name) { super(message); this.name = name || 'Error'; }
    }

    global.btoa = function btoa(s) { return N.hexToB64(latin1ToHex(String(s))); };
    global.atob = function atob(s) { return hexToLatin1(N.b64ToHex(String(s).replace(/\s+/g, ''))); };

    class TextEncoder {
        get encoding() { return 'utf-8'; }
        encode(s) { return hexToBytes(N.utf8ToHex(s === undefined ? '' : String(s))); }
    }
    class TextDecoder {
        constructor(label) {
            if (label && !/^utf-?8$/i.test(label)) throw unsupported('TextDecoder(' + JSON.stringify(label) + ')');
        }
        decode(data) { return data === undefined ? '' : N.hexToUtf8(bytesToHex(toBytes(data))); }
    }
    global.TextEncoder = TextEncoder;
    global.TextDecoder = TextDecoder;

    // Buffer: the few Node Buffer calls collection scripts use.
    function makeBuffer(u8) {
        const b = new Uint8Array(u8);
        Object.defineProperty(b, 'toString', {
            value: function (enc, start, end) {
                const part = (start !== undefined || end !== undefined) ? this.subarray(start || 0, end) : this;
                return encodeBytes(part, enc || 'utf8');
            }
        });
        Object.defineProperty(b, '_isBuffer', { value: true });
        Object.defineProperty(b, 'toJSON', { value: function () { return { type: 'Buffer', data: Array.from(this) }; } });
        return b;
    }
    function encodeBytes(u8, enc) {
        const h = bytesToHex(u8);
        switch (String(enc).toLowerCase()) {
            case 'utf8': case 'utf-8': return N.hexToUtf8(h);
            case 'hex': return h;
            case 'base64': return N.hexToB64(h);
            case 'base64url': return N.hexToB64(h).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
            case 'latin1': case 'binary': case 'ascii': return hexToLatin1(h);
        }
        throw unsupported('Buffer encoding ' + JSON.stringify(enc));
    }
    function decodeString(s, enc) {
        switch (String(enc || 'utf8').toLowerCase()) {
            case 'utf8': case 'utf-8': return hexToBytes(N.utf8ToHex(s));
            case 'hex': return hexToBytes(s);
            case 'base64': case 'base64url': return hexToBytes(N.b64ToHex(s));
            case 'latin1': case 'binary': case 'ascii': return hexToBytes(latin1ToHex(s));
        }
        throw unsupported('Buffer encoding ' + JSON.stringify(enc));
    }
    const Buffer = strict({
        from(data, enc) {
            if (typeof data === 'string') return makeBuffer(decodeString(data, enc));
            return makeBuffer(toBytes(data));
        },
        alloc(n) { return makeBuffer(new Uint8Array(n)); },
        isBuffer(b) { return !!(b && b._isBuffer); },
        byteLength(s, enc) { return typeof s === 'string' ? decodeString(s, enc).length : toBytes(s).length; },
        concat(list) {
            const parts = list.map(toBytes);
            const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
            let o = 0;
            for (const p of parts) { out.set(p, o); o += p.length; }
            return makeBuffer(out);
        }
    }, 'Buffer');
    global.Buffer = Buffer;

    // ---- CryptoJS ---------------------------------------------------------------

    class WordArray {
        constructor(words, sigBytes) {
            this.words = words || [];
            this.sigBytes = sigBytes !== undefined ? sigBytes : this.words.length * 4;
        }
        toString(encoder) { return (encoder || Hex).stringify(this); }
        concat(wa) {
            const h = waToHex(this) + waToHex(wa);
            const r = hexToWA(h);
            this.words = r.words; this.sigBytes = r.sigBytes;
            return this;
        }
        clamp() { const r = hexToWA(waToHex(this)); this.words = r.words; return this; }
        clone() { return new WordArray(this.words.slice(), this.sigBytes); }
    }
    function waToHex(wa) {
        let h = '';
        for (let i = 0; i < wa.sigBytes; i++) {
            const b = (wa.words[i >>> 2] >>> (24 - (i % 4) * 8)) & 0xff;
            h += (b < 16 ? '0' : '') + b.toString(16);
        }
        return h;
    }
    function hexToWA(h) {
        const words = [];
        const n = h.length >> 1;
        for (let i = 0; i < n; i++) {
            words[i >>> 2] |= parseInt(h.substr(i * 2, 2), 16) << (24 - (i % 4) * 8);
        }
        for (let i = 0; i < words.length; i++) words[i] = words[i] | 0;
        return new WordArray(words, n);
    }
    function msgHex(m) {
        if (m instanceof WordArray) return waToHex(m);
        if (m === undefined || m === null) return '';
        return N.utf8ToHex(String(m));
    }
    const Hex = { stringify: waToHex, parse: (s) => hexToWA(String(s)) };
    const Base64 = { stringify: (wa) => N.hexToB64(waToHex(wa)), parse: (s) => hexToWA(N.b64ToHex(String(s))) };
    const Base64url = {
        stringify: (wa) => Base64.stringify(wa).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'),
        parse: (s) => Base64.parse(s)
    };
    const Utf8 = { stringify: (wa) => N.hexToUtf8(waToHex(wa)), parse: (s) => hexToWA(N.utf8ToHex(String(s))) };
    const Latin1 = { stringify: (wa) => hexToLatin1(waToHex(wa)), parse: (s) => hexToWA(latin1ToHex(String(s))) };
    const WordArrayStatic = strict({
        create(words, sigBytes) {
            if (words instanceof ArrayBuffer || ArrayBuffer.isView(words)) return hexToWA(bytesToHex(toBytes(words)));
            return new WordArray(words, sigBytes);
        },
        random(n) { return hexToWA(N.random(n)); }
    }, 'CryptoJS.lib.WordArray');

    function hasher(alg) {
        return function (message) { return hexToWA(N.hash(alg, msgHex(message))); };
    }
    function hmacer(alg) {
        return function (message, key) { return hexToWA(N.hmac(alg, msgHex(key), msgHex(message))); };
    }
    const CryptoJS = strict({
        MD5: hasher('MD5'), SHA1: hasher('SHA1'), SHA224: hasher('SHA224'), SHA256: hasher('SHA256'),
        SHA384: hasher('SHA384'), SHA512: hasher('SHA512'),
        HmacMD5: hmacer('MD5'), HmacSHA1: hmacer('SHA1'), HmacSHA224: hmacer('SHA224'),
        HmacSHA256: hmacer('SHA256'), HmacSHA384: hmacer('SHA384'), HmacSHA512: hmacer('SHA512'),
        enc: strict({ Hex, Base64, Base64url, Utf8, Utf16: undefined, Latin1 }, 'CryptoJS.enc'),
        lib: strict({ WordArray: WordArrayStatic }, 'CryptoJS.lib')
    }, 'CryptoJS');
    delete CryptoJS.enc.Utf16;
    global.CryptoJS = CryptoJS;

    // ---- WebCrypto (crypto.subtle HMAC and digest, getRandomValues) ------------

    function hashName(h) {
        const n = typeof h === 'string' ? h : (h && h.name);
        if (!/^SHA-(1|256|384|512)$/i.test(n || '')) throw unsupported('crypto.subtle hash ' + JSON.stringify(n));
        return n.toUpperCase();
    }
    const subtle = strict({
        importKey(format, keyData, algorithm, extractable, usages) {
            return new Promise((resolve) => {
                const name = typeof algorithm === 'string' ? algorithm : algorithm && algorithm.name;
                if (format !== 'raw' || String(name).toUpperCase() !== 'HMAC') {
                    throw unsupported('crypto.subtle.importKey(' + JSON.stringify(format) + ', ' + JSON.stringify(name) + ')');
                }
                resolve({ type: 'secret', extractable: !!extractable, usages: usages || [],
                    algorithm: { name: 'HMAC', hash: { name: hashName(algorithm.hash) } },
                    _hex: bytesToHex(toBytes(keyData)) });
            });
        },
        sign(algorithm, key, data) {
            return new Promise((resolve) => {
                const name = typeof algorithm === 'string' ? algorithm : algorithm && algorithm.name;
                if (String(name).toUpperCase() !== 'HMAC' || !key || key._hex === undefined) {
                    throw unsupported('crypto.subtle.sign(' + JSON.stringify(name) + ')');
                }
                resolve(hexToBytes(N.hmac(key.algorithm.hash.name, key._hex, bytesToHex(toBytes(data)))).buffer);
            });
        },
        digest(algorithm, data) {
            return new Promise((resolve) => {
                resolve(hexToBytes(N.hash(hashName(algorithm), bytesToHex(toBytes(data)))).buffer);
            });
        }
    }, 'crypto.subtle');
    function randomUUID() {
        const b = hexToBytes(N.random(16));
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        const h = bytesToHex(b);
        return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
    }
    global.crypto = strict({
        subtle,
        getRandomValues(arr) {
            const bytes = hexToBytes(N.random(arr.byteLength));
            new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength).set(bytes);
            return arr;
        },
        randomUUID
    }, 'crypto');

    // The Sugar.js extensions of Postman's sandbox that the corpus uses:
    // responseBody.has("x") and new Date().addDays(7) (which changes the date
    // and returns it), with addDays' siblings.
    function sugar(proto, name, fn) {
        Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
    }
    sugar(String.prototype, 'has', function has(v) { return this.indexOf(v) > -1; });
    const dateAdders = { Milliseconds: 1, Seconds: 1000, Minutes: 60000, Hours: 3600000, Days: 86400000, Weeks: 604800000 };
    for (const unit of Object.keys(dateAdders)) {
        sugar(Date.prototype, 'add' + unit, function (n) {
            if (unit === 'Days' || unit === 'Weeks') {
                this.setDate(this.getDate() + Number(n) * (unit === 'Weeks' ? 7 : 1));
            } else {
                this.setTime(this.getTime() + Number(n) * dateAdders[unit]);
            }
            return this;
        });
    }
    sugar(Date.prototype, 'addMonths', function (n) { this.setMonth(this.getMonth() + Number(n)); return this; });
    sugar(Date.prototype, 'addYears', function (n) { this.setFullYear(this.getFullYear() + Number(n)); return this; });

    // ---- console and timers -----------------------------------------------------

    function fmt(v) {
        if (typeof v === 'string') return v;
        if (v instanceof Error) return v.stack || String(v);
        if (v === undefined) return 'undefined';
        if (typeof v === 'function') return '[Function' + (v.name ? ': ' + v.name : '') + ']';
        try {
            const s = JSON.stringify(v);
            return s === undefined ? String(v) : s;
        } catch (e) {
            return String(v);
        }
    }
    function logger(level) {
        return function () { N.log(level, Array.prototype.map.call(arguments, fmt).join(' ')); };
    }
    global.console = strict({
        log: logger('log'), info: logger('info'), warn: logger('warn'), error: logger('error'),
        debug: logger('debug'), trace: logger('debug')
    }, 'console');

    // Timers fire without waiting, after the script's synchronous part, in the
    // order of their delays (then of their creation).
    function addTask(delay, fn, args) {
        const id = ++taskSeq;
        tasks.push({ id, due: Number(delay) || 0, fn, args: args || [] });
        return id;
    }
    global.setTimeout = function (fn, delay) {
        if (typeof fn !== 'function') throw new TypeError('setTimeout: callback is not a function');
        return addTask(delay, fn, Array.prototype.slice.call(arguments, 2));
    };
    global.setImmediate = function (fn) { return addTask(-1, fn, Array.prototype.slice.call(arguments, 1)); };
    global.clearTimeout = global.clearImmediate = function (id) { tasks = tasks.filter((t) => t.id !== id); };
    global.setInterval = lacks('setInterval');
    global.clearInterval = function () {};

    // ---- property lists (headers, query, form fields) ---------------------------

    class Param {
        constructor(o) { this.update(o); }
        update(o) {
            if (o === null || typeof o !== 'object') return;
            for (const k of Object.keys(o)) if (o[k] !== undefined && k !== '__parent') this[k] = o[k];
        }
        valueOf() { return this.value; }
        toJSON() {
            const o = {};
            for (const k of Object.keys(this)) if (this[k] !== undefined) o[k] = this[k];
            return o;
        }
    }
    class Header extends Param {
        toString() { return (this.key || '') + ': ' + (this.value === undefined || this.value === null ? '' : this.value); }
    }
    class QueryParam extends Param {
        toString() { return unparseSingle(this); }
    }

    function parseSingle(param, idx, all) {
        if (param === '' && typeof idx === 'number' && Array.isArray(all) && idx !== all.length - 1) {
            return { key: null, value: null };
        }
        const i = typeof param === 'string' ? param.indexOf('=') : -1;
        if (i < 0) return { key: param, value: null };
        return { key: param.substr(0, i), value: param.substr(i + 1) };
    }
    function parseQuery(q) { return typeof q === 'string' ? q.split('&').map(parseSingle) : []; }
    function normalizeParam(str, encodeEquals) {
        if (!(str && typeof str === 'string')) return str;
        if (str.indexOf('&') === -1 && str.indexOf('#') === -1 && !(encodeEquals && str.indexOf('=') !== -1)) return str;
        let out = '', pointer = 0, m;
        const re = /{{[^{}]*[&#=][^{}]*}}/g;
        const enc = (s) => s.replace(/&/g, '%26').replace(/#/g, '%23').replace(/=/g, encodeEquals ? '%3D' : '=');
        while ((m = re.exec(str)) !== null) {
            out += enc(str.slice(pointer, m.index)) + m[0];
            pointer = m.index + m[0].length;
        }
        return out + enc(str.slice(pointer));
    }
    function unparseSingle(p) {
        if (!p) return '';
        let r = typeof p.key === 'string' ? normalizeParam(p.key, true) : '';
        if (typeof p.value === 'string') r += '=' + normalizeParam(p.value);
        return r;
    }
    function unparseQuery(params) {
        let first = true, s = '';
        for (const p of params) {
            if (p.disabled === true) continue;
            if (!first) s += '&';
            first = false;
            s += unparseSingle(p);
        }
        return s;
    }
    function parseHeaders(s) {
        return String(s).split(/\r?\n/).filter((l) => l.trim()).map((l) => {
            const i = l.indexOf(':');
            return i < 0 ? { key: l.trim(), value: '' } : { key: l.slice(0, i).trim(), value: l.slice(i + 1).trim() };
        });
    }

    class PropertyList {
        constructor(Type, items, caseInsensitive, label) {
            Object.defineProperty(this, '_Type', { value: Type });
            Object.defineProperty(this, '_ci', { value: !!caseInsensitive });
            Object.defineProperty(this, '_label', { value: label });
            this.members = [];
            this.populate(items);
        }
        get _postman_propertyIsList() { return true; }
        _key(k) { return this._ci ? String(k).toLowerCase() : k; }
        _make(item) {
            if (item instanceof this._Type) return item;
            return new this._Type(item);
        }
        populate(items) {
            if (items === undefined || items === null) return;
            if (typeof items === 'string') items = this._Type === Header ? parseHeaders(items) : parseQuery(items);
            if (items instanceof PropertyList) items = items.members;
            if (!Array.isArray(items)) {
                items = (typeof items === 'object') ? Object.keys(items).map((k) => ({ key: k, value: items[k] })) : [items];
            }
            items.forEach((i) => this.add(i));
        }
        repopulate(items) { this.clear(); this.populate(items); }
        add(item) {
            if (item === null || item === undefined || Number.isNaN(item)) return;
            if (typeof item === 'string') {
                const parsed = this._Type === Header ? parseHeaders(item) : parseQuery(item);
                parsed.forEach((p) => this.members.push(this._make(p)));
                return;
            }
            this.members.push(this._make(item));
        }
        append(item) { this.add(item); }
        prepend(item) { if (item != null) this.members.unshift(this._make(item)); }
        insert(item, before) {
            const i = before ? this.members.indexOf(typeof before === 'string' ? this.one(before) : before) : -1;
            if (i < 0) this.add(item); else this.members.splice(i, 0, this._make(item));
        }
        insertAfter(item, after) {
            const i = this.members.indexOf(typeof after === 'string' ? this.one(after) : after);
            if (i < 0) this.add(item); else this.members.splice(i + 1, 0, this._make(item));
        }
        upsert(item) {
            if (item === null || item === undefined) return null;
            const existing = this.one(item.key);
            if (existing) { existing.update(item); return false; }
            this.add(item);
            return true;
        }
        remove(predicate, context) {
            let fn = predicate;
            if (typeof predicate === 'string') {
                const m = this._key(predicate);
                fn = (item) => item.key !== null && item.key !== undefined && this._key(item.key) === m;
            } else if (predicate instanceof Param) {
                fn = (item) => item === predicate;
            }
            if (typeof fn !== 'function') return;
            this.members = this.members.filter((item, i, all) => !fn.call(context || this, item, i, all));
        }
        clear() { this.members = []; }
        all() { return this.members.slice(); }
        count() { return this.members.length; }
        idx(i) { return this.members[i]; }
        indexOf(item) { return this.members.indexOf(typeof item === 'string' ? this.one(item) : item); }
        one(key) {
            const k = this._key(key);
            for (let i = this.members.length - 1; i >= 0; i--) {
                const m = this.members[i];
                if (m.key !== null && m.key !== undefined && this._key(m.key) === k) return m;
            }
            return undefined;
        }
        get(key) { const m = this.one(key); return m ? m.valueOf() : undefined; }
        has(item, value) {
            const matches = typeof item === 'string'
                ? this.members.filter((m) => m.key !== null && m.key !== undefined && this._key(m.key) === this._key(item))
                : this.members.filter((m) => m === item);
            if (!matches.length) return false;
            if (arguments.length === 1) return true;
            return matches.some((m) => m.valueOf() === value);
        }
        each(fn, ctx) { this.members.forEach((m, i) => fn.call(ctx, m, i)); }
        filter(fn, ctx) { return this.members.filter(fn, ctx); }
        find(rule, ctx) {
            if (typeof rule === 'function') return this.members.find(rule, ctx);
            if (typeof rule === 'string') return this.one(rule);
            return this.members.find((m) => Object.keys(rule || {}).every((k) => m[k] === rule[k]));
        }
        map(fn, ctx) { return this.members.map(fn, ctx); }
        reduce(fn, acc) { return this.members.reduce(fn, acc); }
        toObject(excludeDisabled, caseSensitive, multiValue) {
            const o = {};
            const sensitive = !this._ci || caseSensitive;
            multiValue = multiValue || this._Type === Header;
            for (const m of this.members) {
                if (m.key === undefined || m.key === null || (excludeDisabled && m.disabled)) continue;
                const k = sensitive ? m.key : String(m.key).toLowerCase();
                if (multiValue && Object.prototype.hasOwnProperty.call(o, k)) {
                    if (!Array.isArray(o[k])) o[k] = [o[k]];
                    o[k].push(m.valueOf());
                } else {
                    o[k] = m.valueOf();
                }
            }
            return o;
        }
        toJSON() { return this.members.map((m) => m.toJSON()); }
        toString() {
            if (this._Type === Header) return this.members.filter((m) => !m.disabled).map((m) => m.toString() + '\r\n').join('');
            return unparseQuery(this.members);
        }
    }
    function list(Type, items, ci, label) { return strict(new PropertyList(Type, items, ci, label), label); }

    // ---- URL -------------------------------------------------------------------

    function parseUrl(str) {
        const out = {};
        if (typeof str !== 'string' || !str) return out;
        const vars = [];
        let s = str.replace(/^\s+/, '').replace(/{{[^{}]*[.:/?#@&\]][^{}]*}}/g, (m) => {
            vars.push(m);
            return '\u0000' + (vars.length - 1) + '\u0001';
        });
        const restore = (x) => (typeof x === 'string' ? x.replace(/\u0000(\d+)\u0001/g, (_, i) => vars[+i]) : x);
        let i;
        if ((i = s.indexOf('#')) !== -1) { out.hash = restore(s.slice(i + 1)); s = s.slice(0, i); }
        if ((i = s.indexOf('?')) !== -1) { out.query = s.slice(i + 1).split('&').map(restore); s = s.slice(0, i); }
        s = s.replace(/\\/g, '/');
        if ((i = s.indexOf('://')) !== -1) {
            out.protocol = restore(s.slice(0, i));
            s = s.slice(i + 3).replace(/^\/+/, out.protocol.toLowerCase() === 'file' ? '/' : '');
        }
        if ((i = s.indexOf('/')) !== -1) { out.path = s.slice(i + 1).split('/').map(restore); s = s.slice(0, i); }
        if ((i = s.lastIndexOf('@')) !== -1) {
            const a = s.slice(0, i);
            s = s.slice(i + 1);
            const j = a.indexOf(':');
            out.auth = j === -1 ? { user: restore(a) } : { user: restore(a.slice(0, j)), password: restore(a.slice(j + 1)) };
        }
        let port;
        if ((i = s.lastIndexOf(':')) !== -1 && (port = s.slice(i + 1)).indexOf(']') === -1) {
            out.port = restore(port);
            s = s.slice(0, i);
        }
        if (s) out.host = s.split('.').map(restore);
        if (out.query) out.query = out.query.map(parseSingle);
        if (out.path) {
            const seen = {};
            const v = [];
            for (const seg of out.path) {
                const m = /^:([^\s/]+)/.exec(seg);
                if (m && !seen[m[1]]) { seen[m[1]] = true; v.push({ key: m[1] }); }
            }
            if (v.length) out.variable = v;
        }
        return out;
    }

    class Url {
        constructor(options) { this.update(options); }
        update(options) {
            if (typeof options === 'string') options = parseUrl(options);
            options = options || {};
            let { protocol, auth, host, port, path, hash, query, variable } = options;
            if (typeof query === 'string') query = parseQuery(query);
            if (typeof path === 'string') path = path ? (path === '/' ? [''] : path.replace(/^\/((.+))$/, '$1').split('/')) : undefined;
            if (typeof host === 'string') host = host.split(/\.(?![^{]*\}{2})/g);
            this.protocol = protocol;
            this.auth = auth;
            this.host = host;
            this.port = port;
            this.path = path;
            this.hash = hash;
            this.query = query || [];
            this.variables = list(Param, variable || [], false, 'pm.request.url.variables');
        }
        get query() { return this._query; }
        set query(q) {
            Object.defineProperty(this, '_query', { value: q instanceof PropertyList ? q : list(QueryParam, typeof q === 'string' ? parseQuery(q) : (q || []), false, 'pm.request.url.query'), writable: true, configurable: true });
        }
        addQueryParams(params) { this.query.populate(typeof params === 'string' ? parseQuery(params) : params); }
        removeQueryParams(params) {
            const keys = Array.isArray(params) ? params.map((p) => (p && p.key ? p.key : p)) : [params];
            this.query.remove((p) => keys.includes(p.key));
        }
        getHost() { return this.host ? (Array.isArray(this.host) ? this.host.join('.') : String(this.host)) : ''; }
        getPath(unresolved) {
            if (!this.path) return '/';
            if (unresolved) return '/' + this.path.join('/');
            return '/' + this.path.map((seg) => {
                const m = /^:([^\s/]+)/.exec(seg || '');
                if (m) {
                    const v = this.variables.get(m[1]);
                    if (v && typeof v === 'string') return v + seg.slice(m[1].length + 1);
                }
                return seg;
            }).join('/');
        }
        getQueryString() { return this.query.count() ? unparseQuery(this.query.members) : ''; }
        getPathWithQuery() {
            const q = this.getQueryString();
            return this.getPath() + (q ? '?' + q : '');
        }
        getRemote(forcePort) {
            let port = this.port && String(this.port);
            if (forcePort && !port) port = this.protocol === 'https' ? '443' : '80';
            return port ? this.getHost() + ':' + port : this.getHost();
        }
        getOAuth1BaseUrl() {
            let protocol = this.protocol || 'http';
            const port = this.port ? String(this.port) : undefined;
            const h = (this.host || []).join('.');
            const host = ((port === '80' || port === '443' || port === undefined) && h) || (h + ':' + port);
            protocol = protocol.endsWith('://') ? protocol : protocol + '://';
            return protocol.toLowerCase() + host.toLowerCase() + this.getPath();
        }
        getBaseUrl() { return this.getOAuth1BaseUrl(); }
        toString(forceProtocol) {
            let raw = '';
            let protocol = this.protocol;
            if (forceProtocol && !protocol) protocol = 'http';
            if (protocol) raw += protocol.endsWith('://') ? protocol : protocol + '://';
            if (this.auth) {
                let a;
                if (typeof this.auth.user === 'string') a = this.auth.user;
                if (typeof this.auth.password === 'string') { if (!a) a = ''; a += ':' + this.auth.password; }
                if (typeof a === 'string') raw += a + '@';
            }
            if (this.host) raw += this.getHost();
            if (this.port !== undefined && this.port !== null) raw += ':' + String(this.port);
            if (this.path) raw += this.getPath();
            if (this.query && this.query.count()) {
                let q = this.getQueryString();
                if (q === '') q = this.query.find((p) => !(p && p.disabled)) ? '' : undefined;
                if (typeof q === 'string') raw += '?' + q;
            }
            if (typeof this.hash === 'string') raw += '#' + this.hash;
            return raw;
        }
        toJSON() {
            return { protocol: this.protocol, host: this.host, port: this.port, path: this.path, query: this.query.toJSON(), hash: this.hash, raw: this.toString() };
        }
    }
    Url.parse = parseUrl;
    function newUrl(u) { return strict(u instanceof Url ? u : new Url(u), 'pm.request.url'); }

    // ---- request body and auth ---------------------------------------------------

    class RequestBody {
        constructor(o) { this.update(o); }
        update(o) {
            o = o || {};
            if (typeof o === 'string') o = { mode: 'raw', raw: o };
            this.mode = o.mode;
            this.raw = o.raw;
            this.urlencoded = o.mode === 'urlencoded' || o.urlencoded ? list(Param, o.urlencoded || [], false, 'pm.request.body.urlencoded') : undefined;
            this.formdata = o.mode === 'formdata' || o.formdata ? list(Param, o.formdata || [], false, 'pm.request.body.formdata') : undefined;
            this.file = o.file;
            this.graphql = o.graphql;
            this.options = o.options;
            this.disabled = o.disabled;
        }
        isEmpty() {
            switch (this.mode) {
                case 'raw': return !this.raw;
                case 'urlencoded': return !this.urlencoded || !this.urlencoded.count();
                case 'formdata': return !this.formdata || !this.formdata.count();
                case 'file': return !this.file;
                case 'graphql': return !this.graphql;
            }
            return true;
        }
        toString() {
            switch (this.mode) {
                case 'raw': return this.raw || '';
                case 'urlencoded': return this.urlencoded ? unparseQuery(this.urlencoded.members) : '';
                case 'graphql': return typeof this.graphql === 'string' ? this.graphql : JSON.stringify(this.graphql || {});
            }
            return '';
        }
        toJSON() {
            const o = { mode: this.mode };
            if (this.mode === 'raw' || this.mode === 'graphql') o.raw = this.mode === 'graphql' && this.graphql !== undefined && typeof this.raw !== 'string' ? this.toString() : (this.raw || '');
            if (this.mode === 'urlencoded') o.urlencoded = this.urlencoded ? this.urlencoded.toJSON().map(formField) : [];
            if (this.mode === 'formdata') o.formdata = this.formdata ? this.formdata.toJSON().map(formField) : [];
            if (this.mode === 'file') o.file = this.file;
            return o;
        }
    }
    function formField(p) {
        const f = { key: p.key == null ? '' : String(p.key), value: p.value == null ? '' : String(p.value) };
        if (p.type) f.type = String(p.type);
        if (p.src) f.src = String(p.src);
        if (p.contentType) f.contentType = String(p.contentType);
        if (p.disabled) f.disabled = true;
        return f;
    }

    class RequestAuth {
        constructor(o) { this.update(o); }
        update(o, type) {
            o = o || {};
            if (type) { this.use(type, o); return; }
            this.type = o.type;
            for (const k of Object.keys(o)) {
                if (k !== 'type') this[k] = list(Param, o[k], false, 'pm.request.auth.' + k);
            }
        }
        use(type, options) {
            this.type = type;
            if (options) this[type] = list(Param, options, false, 'pm.request.auth.' + type);
            else if (!this[type]) this[type] = list(Param, [], false, 'pm.request.auth.' + type);
        }
        current() { return this.type ? this[this.type] : undefined; }
        parameters() { return this.type ? (this[this.type] || (this[this.type] = list(Param, [], false, 'pm.request.auth.' + this.type))) : undefined; }
        clear(type) { if (type && this[type]) delete this[type]; }
        toJSON() {
            if (!this.type) return undefined;
            const o = { type: this.type };
            for (const k of Object.keys(this)) {
                if (k !== 'type' && this[k] instanceof PropertyList) o[k] = this[k].toJSON();
            }
            return o;
        }
    }

    // ---- pm.request ------------------------------------------------------------------

    class Request {
        constructor(o) {
            o = o || {};
            this.id = o.id;
            this.name = o.name;
            this.method = (o.method || 'GET').toUpperCase();
            this.url = o.url;
            for (const v of o.variable || []) this.url.variables.upsert(v);
            this.headers = o.header || [];
            this.body = o.body ? new RequestBody(o.body) : undefined;
            this.auth = o.auth ? strict(new RequestAuth(o.auth), 'pm.request.auth') : undefined;
            this.description = o.description;
        }
        get url() { return this._url; }
        set url(u) { Object.defineProperty(this, '_url', { value: newUrl(u), writable: true, configurable: true }); }
        get headers() { return this._headers; }
        set headers(h) { Object.defineProperty(this, '_headers', { value: h instanceof PropertyList ? h : list(Header, h, true, 'pm.request.headers'), writable: true, configurable: true }); }
        addHeader(h) { this.headers.add(h); }
        removeHeader(h, opts) {
            if (opts && opts.ignoreCase === false) { this.headers.remove((x) => x.key === h); return; }
            this.headers.remove(typeof h === 'object' && h !== null ? h.key : h);
        }
        upsertHeader(h) { this.headers.upsert(h); }
        getHeaders(opts) {
            opts = opts || {};
            const o = {};
            for (const h of this.headers.members) {
                if (opts.enabled && h.disabled) continue;
                const k = opts.ignoreCase ? String(h.key).toLowerCase() : h.key;
                if (Object.prototype.hasOwnProperty.call(o, k)) o[k] = [].concat(o[k], h.value); else o[k] = h.value;
            }
            return o;
        }
        addQueryParams(p) { this.url.addQueryParams(p); }
        removeQueryParams(p) { this.url.removeQueryParams(p); }
        authorizeUsing(type, options) {
            if (typeof type === 'object' && type) { this.auth = strict(new RequestAuth(type), 'pm.request.auth'); return; }
            if (type === null) { this.auth = undefined; return; }
            if (!this.auth) this.auth = strict(new RequestAuth({}), 'pm.request.auth');
            this.auth.use(type, options);
        }
        toJSON() {
            return {
                method: this.method,
                url: this.url.toString(),
                header: this.headers.members.map((h) => ({ key: h.key == null ? '' : String(h.key), value: h.value == null ? '' : String(h.value), disabled: !!h.disabled })),
                body: this.body ? this.body.toJSON() : undefined,
                auth: this.auth ? this.auth.toJSON() : undefined
            };
        }
        toString() { return this.method + ' ' + this.url.toString(); }
    }

    // ---- pm.response and pm.sendRequest's responses --------------------------

    class Response {
        constructor(o) {
            this.code = o.code;
            this.status = o.status;
            this.headers = list(Header, o.header || [], true, 'pm.response.headers');
            this.responseTime = o.responseTime || 0;
            Object.defineProperty(this, '_body', { value: o.body || '' });
            this.responseSize = N.utf8ToHex(this._body).length / 2;
            this.cookies = list(Param, [], false, 'pm.response.cookies');
        }
        text() { return this._body; }
        json(reviver) {
            const t = this._body.replace(/^\uFEFF/, '');
            try {
                return JSON.parse(t, reviver);
            } catch (e) {
                const err = new Error('JSONError: ' + e.message);
                err.name = 'JSONError';
                throw err;
            }
        }
        reason() { return this.status; }
        dataURI() { throw unsupported('pm.response.dataURI'); }
        size() { return { body: this.responseSize, header: 0, total: this.responseSize }; }
        get to() { return responseAssertion(this).to; }
        toJSON() { return { code: this.code, status: this.status, header: this.headers.toJSON(), body: this._body, responseTime: this.responseTime }; }
    }

    // pm.sendRequest's request argument: a URL string or a Postman request
    // object (url, method, header as an object or a list, body, auth).
    function sendArg(r) {
        if (typeof r === 'string') r = { url: r };
        if (r instanceof Request || (r && r.url instanceof Url)) r = r.toJSON ? r.toJSON() : r;
        r = r || {};
        const url = r.url instanceof Url ? r.url.toString() : (typeof r.url === 'object' && r.url ? (r.url.raw || new Url(r.url).toString()) : String(r.url || ''));
        let header = r.header !== undefined ? r.header : r.headers;
        if (header instanceof PropertyList) header = header.members;
        if (typeof header === 'string') header = parseHeaders(header);
        if (header && !Array.isArray(header)) header = Object.keys(header).map((k) => ({ key: k, value: header[k] }));
        header = (header || []).map((h) => ({ key: String(h.key), value: h.value == null ? '' : String(h.value), disabled: !!h.disabled }));
        let body;
        if (r.body !== undefined && r.body !== null) {
            let b = r.body;
            if (typeof b === 'string') b = { mode: 'raw', raw: b };
            if (!b.mode) b = { mode: 'raw', raw: typeof b === 'object' ? JSON.stringify(b) : String(b) };
            if (b.mode === 'raw' && typeof b.raw !== 'string') b = { mode: 'raw', raw: JSON.stringify(b.raw) };
            body = new RequestBody(b).toJSON();
        }
        let auth = r.auth;
        if (auth instanceof RequestAuth) auth = auth.toJSON();
        if (auth && auth.type && auth[auth.type] && !Array.isArray(auth[auth.type])) {
            const p = auth[auth.type];
            auth = { type: auth.type, [auth.type]: Object.keys(p).map((k) => ({ key: k, value: p[k] })) };
        }
        return { method: String(r.method || 'GET').toUpperCase(), url, header, body, auth };
    }

    function sendRequest(req, callback) {
        const arg = JSON.stringify(sendArg(req));
        let resolve, reject;
        const p = typeof callback === 'function' ? undefined : new Promise((res, rej) => { resolve = res; reject = rej; });
        addTask(-1, () => {
            const out = JSON.parse(N.send(arg));
            const err = out.error ? new Error(out.error) : null;
            const res = out.response ? strict(new Response(out.response), 'response') : undefined;
            if (callback) callback(err, res);
            else if (err) reject(err);
            else resolve(res);
        });
        return p;
    }

    // ---- assertions (the chai subset collection tests use) --------------------------

    class AssertionError extends Error {
        constructor(message) { super(message); this.name = 'AssertionError'; }
    }
    function show(v) {
        if (typeof v === 'string') return "'" + v + "'";
        if (v === undefined) return 'undefined';
        if (typeof v === 'function') return '[Function]';
        try { const s = JSON.stringify(v); return s === undefined ? String(v) : s; } catch (e) { return String(v); }
    }
    function deepEqual(a, b) {
        if (a === b) return a !== 0 || 1 / a === 1 / b;
        if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a !== a && b !== b;
        if (Array.isArray(a) !== Array.isArray(b)) return false;
        const ka = Object.keys(a), kb = Object.keys(b);
        if (ka.length !== kb.length) return false;
        return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
    }
    function typeOf(v) {
        if (v === null) return 'null';
        if (Array.isArray(v)) return 'array';
        if (v instanceof Date) return 'date';
        if (v instanceof RegExp) return 'regexp';
        if (v instanceof Error) return 'error';
        return typeof v;
    }

    // Assertion keeps its state in this._s, an object shared by the chainable
    // functions (lengthOf, include, a) that delegate to it through the prototype.
    function Assertion(obj, message) {
        this._s = { obj, negate: false, deep: false, doLength: false, message };
    }
    function assert(a, ok, msg, negMsg) {
        const pass = a._s.negate ? !ok : !!ok;
        if (!pass) {
            const m = a._s.negate ? negMsg : msg;
            throw new AssertionError((a._s.message ? a._s.message + ': ' : '') + m);
        }
        return a;
    }
    const words = ['to', 'be', 'been', 'is', 'that', 'which', 'and', 'has', 'have', 'with', 'at', 'of', 'same', 'but', 'does', 'still', 'also'];
    for (const w of words) Object.defineProperty(Assertion.prototype, w, { get() { return this; } });
    Object.defineProperty(Assertion.prototype, 'not', { get() { this._s.negate = !this._s.negate; return this; } });
    Object.defineProperty(Assertion.prototype, 'deep', { get() { this._s.deep = true; return this; } });
    Object.defineProperty(Assertion.prototype, 'own', { get() { return this; } });
    Object.defineProperty(Assertion.prototype, 'nested', { get() { throw unsupported('pm.expect(…).nested'); } });
    function getter(name, fn) { Object.defineProperty(Assertion.prototype, name, { get() { fn.call(this, this._s.obj); return this; } }); }
    getter('ok', function (o) { assert(this, o, 'expected ' + show(o) + ' to be truthy', 'expected ' + show(o) + ' to be falsy'); });
    getter('true', function (o) { assert(this, o === true, 'expected ' + show(o) + ' to be true', 'expected ' + show(o) + ' to not be true'); });
    getter('false', function (o) { assert(this, o === false, 'expected ' + show(o) + ' to be false', 'expected ' + show(o) + ' to not be false'); });
    getter('null', function (o) { assert(this, o === null, 'expected ' + show(o) + ' to be null', 'expected ' + show(o) + ' not to be null'); });
    getter('undefined', function (o) { assert(this, o === undefined, 'expected ' + show(o) + ' to be undefined', 'expected ' + show(o) + ' not to be undefined'); });
    getter('NaN', function (o) { assert(this, Number.isNaN(o), 'expected ' + show(o) + ' to be NaN', 'expected ' + show(o) + ' not to be NaN'); });
    getter('exist', function (o) { assert(this, o !== null && o !== undefined, 'expected ' + show(o) + ' to exist', 'expected ' + show(o) + ' to not exist'); });
    getter('empty', function (o) {
        let n;
        if (typeof o === 'string' || Array.isArray(o)) n = o.length;
        else if (o instanceof Map || o instanceof Set) n = o.size;
        else if (o !== null && typeof o === 'object') n = Object.keys(o).length;
        else throw new AssertionError('.empty was passed non-string primitive ' + show(o));
        assert(this, n === 0, 'expected ' + show(o) + ' to be empty', 'expected ' + show(o) + ' not to be empty');
    });
    function method(names, fn) {
        for (const n of names) Object.defineProperty(Assertion.prototype, n, { value: fn, writable: true, configurable: true });
    }
    // chainable defines a member that is both a method and a chain word.
    function chainable(names, fn, chain) {
        for (const n of names) {
            Object.defineProperty(Assertion.prototype, n, {
                get() {
                    const self = this;
                    if (chain) chain.call(this);
                    const f = function () { return fn.apply(self, arguments); };
                    Object.setPrototypeOf(f, self);
                    return f;
                }
            });
        }
    }
    method(['equal', 'equals', 'eq'], function (v) {
        const o = this._s.obj;
        if (this._s.deep) return this.eql(v);
        return assert(this, o === v, 'expected ' + show(o) + ' to equal ' + show(v), 'expected ' + show(o) + ' to not equal ' + show(v));
    });
    method(['eql', 'eqls'], function (v) {
        const o = this._s.obj;
        return assert(this, deepEqual(o, v), 'expected ' + show(o) + ' to deeply equal ' + show(v), 'expected ' + show(o) + ' to not deeply equal ' + show(v));
    });
    function compare(names, op, word) {
        method(names, function (n) {
            let o = this._s.obj;
            let what = show(o);
            if (this._s.doLength) { o = o == null ? undefined : (o.length !== undefined ? o.length : o.size); what = show(this._s.obj) + ' to have a length ' + word + ' ' + n + ' got ' + o; }
            const ok = op(o, n);
            const m = this._s.doLength ? 'expected ' + what : 'expected ' + what + ' to be ' + word + ' ' + n;
            return assert(this, ok, m, m.replace(' to ', ' to not '));
        });
    }
    compare(['above', 'gt', 'greaterThan'], (a, b) => a > b, 'above');
    compare(['least', 'gte', 'greaterThanOrEqual'], (a, b) => a >= b, 'at least');
    compare(['below', 'lt', 'lessThan'], (a, b) => a < b, 'below');
    compare(['most', 'lte', 'lessThanOrEqual'], (a, b) => a <= b, 'at most');
    method(['within'], function (lo, hi) {
        let o = this._s.obj;
        if (this._s.doLength) o = o.length;
        return assert(this, o >= lo && o <= hi, 'expected ' + show(o) + ' to be within ' + lo + '..' + hi, 'expected ' + show(o) + ' to not be within ' + lo + '..' + hi);
    });
    chainable(['a', 'an'], function (type) {
        const o = this._s.obj;
        const t = typeOf(o);
        const want = String(type).toLowerCase();
        return assert(this, t === want, 'expected ' + show(o) + ' to be a' + (/^[aeiou]/.test(want) ? 'n ' : ' ') + want, 'expected ' + show(o) + ' not to be a' + (/^[aeiou]/.test(want) ? 'n ' : ' ') + want);
    });
    function includes(o, v, deep) {
        if (typeof o === 'string') return o.indexOf(v) !== -1;
        if (Array.isArray(o)) return o.some((x) => (deep ? deepEqual(x, v) : x === v));
        if (o instanceof Set) return o.has(v);
        if (o && typeof o === 'object' && v && typeof v === 'object') return Object.keys(v).every((k) => (deep ? deepEqual(o[k], v[k]) : o[k] === v[k]));
        throw new AssertionError('object tested must be an array, a map, an object, a set, a string, or a weakset, but ' + typeOf(o) + ' given');
    }
    chainable(['include', 'includes', 'contain', 'contains'], function (v) {
        const o = this._s.obj;
        return assert(this, includes(o, v, this._s.deep), 'expected ' + show(o) + ' to include ' + show(v), 'expected ' + show(o) + ' to not include ' + show(v));
    });
    chainable(['lengthOf', 'length'], function (n) {
        const o = this._s.obj;
        const len = o == null ? undefined : (o.length !== undefined ? o.length : o.size);
        return assert(this, len === n, 'expected ' + show(o) + ' to have a length of ' + n + ' but got ' + len, 'expected ' + show(o) + ' to not have a length of ' + n);
    }, function () { this._s.doLength = true; });
    method(['property'], function (name, value) {
        const o = this._s.obj;
        if (o === null || o === undefined) throw new AssertionError((this._s.message ? this._s.message + ': ' : '') + 'Target cannot be null or undefined.');
        const has = o !== null && o !== undefined && (Object(o)[name] !== undefined || name in Object(o));
        if (arguments.length > 1) {
            const ok = has && (this._s.deep ? deepEqual(o[name], value) : o[name] === value);
            assert(this, ok, 'expected ' + show(o) + ' to have property ' + show(name) + ' of ' + show(value) + (has ? ', but got ' + show(o[name]) : ''), 'expected ' + show(o) + ' to not have property ' + show(name) + ' of ' + show(value));
        } else {
            assert(this, has, 'expected ' + show(o) + ' to have property ' + show(name), 'expected ' + show(o) + ' to not have property ' + show(name));
        }
        if (has && !this._s.negate) this._s.obj = o[name];
        return this;
    });
    method(['oneOf'], function (list) {
        const o = this._s.obj;
        return assert(this, list.some((x) => (this._s.deep ? deepEqual(x, o) : x === o)), 'expected ' + show(o) + ' to be one of ' + show(list), 'expected ' + show(o) + ' to not be one of ' + show(list));
    });
    method(['match', 'matches'], function (re) {
        const o = this._s.obj;
        return assert(this, re.test(o), 'expected ' + show(o) + ' to match ' + re, 'expected ' + show(o) + ' not to match ' + re);
    });
    method(['string'], function (s) {
        const o = this._s.obj;
        return assert(this, typeof o === 'string' && o.indexOf(s) !== -1, 'expected ' + show(o) + ' to contain ' + show(s), 'expected ' + show(o) + ' to not contain ' + show(s));
    });
    method(['keys', 'key'], function () {
        const o = this._s.obj;
        let ks = Array.prototype.slice.call(arguments);
        if (ks.length === 1 && Array.isArray(ks[0])) ks = ks[0];
        const actual = Object.keys(o || {});
        const ok = ks.every((k) => actual.includes(k)) && actual.length === ks.length;
        return assert(this, ok, 'expected ' + show(o) + ' to have keys ' + show(ks), 'expected ' + show(o) + ' to not have keys ' + show(ks));
    });
    method(['members'], function (m) {
        const o = this._s.obj || [];
        const ok = o.length === m.length && m.every((x) => o.some((y) => (this._s.deep ? deepEqual(x, y) : x === y)));
        return assert(this, ok, 'expected ' + show(o) + ' to have the same members as ' + show(m), 'expected ' + show(o) + ' to not have the same members as ' + show(m));
    });
    method(['instanceof', 'instanceOf'], function (C) {
        const o = this._s.obj;
        return assert(this, o instanceof C, 'expected ' + show(o) + ' to be an instance of ' + (C && C.name), 'expected ' + show(o) + ' to not be an instance of ' + (C && C.name));
    });
    method(['satisfy', 'satisfies'], function (fn) {
        const o = this._s.obj;
        return assert(this, fn(o), 'expected ' + show(o) + ' to satisfy ' + fn, 'expected ' + show(o) + ' to not satisfy ' + fn);
    });
    method(['closeTo', 'approximately'], function (v, d) {
        const o = this._s.obj;
        return assert(this, Math.abs(o - v) <= d, 'expected ' + show(o) + ' to be close to ' + v + ' +/- ' + d, 'expected ' + show(o) + ' not to be close to ' + v + ' +/- ' + d);
    });
    method(['throw', 'throws'], function () {
        let threw = false;
        try { this._s.obj(); } catch (e) { threw = true; }
        return assert(this, threw, 'expected [Function] to throw an error', 'expected [Function] to not throw an error');
    });

    function expect(v, message) { return strict(new Assertion(v, message), 'pm.expect(…)'); }
    expect.fail = function (message) { throw new AssertionError(message || 'expect.fail()'); };

    // Response assertions (chai-postman): pm.response.to.have.status(200) and friends.
    function responseAssertion(res) {
        const a = new Assertion(res);
        const r = (fn) => function () { fn.apply(a, arguments); return a; };
        Object.defineProperties(a, {
            status: { value: r(function (s) {
                const ok = typeof s === 'number' ? res.code === s : res.status === s;
                assert(this, ok, 'expected response to have status ' + (typeof s === 'number' ? 'code ' : 'reason ') + s + ' but got ' + (typeof s === 'number' ? res.code : res.status), 'expected response to not have status ' + s);
            }) },
            header: { value: r(function (name, value) {
                const has = res.headers.has(name);
                if (arguments.length > 1) {
                    const got = res.headers.get(name);
                    assert(this, has && got === value, "expected response to have header '" + name + "' with value '" + value + "' but got '" + got + "'", "expected response to not have header '" + name + "' with value '" + value + "'");
                } else {
                    assert(this, has, "expected response to have header with key '" + name + "'", "expected response to not have header with key '" + name + "'");
                }
            }) },
            body: { value: r(function (want) {
                const t = res.text();
                if (arguments.length === 0) assert(this, t.length > 0, 'expected response to have content in body', 'expected response to not have content in body');
                else if (typeof want === 'string') assert(this, t === want, 'expected response body to equal ' + show(want), 'expected response body to not equal ' + show(want));
                else if (want instanceof RegExp) assert(this, want.test(t), 'expected response body to match ' + want, 'expected response body to not match ' + want);
                else assert(this, deepEqual(safeJSON(t), want), 'expected response body json to equal ' + show(want), 'expected response body json to not equal ' + show(want));
            }) },
            jsonBody: { value: r(function (path, value) {
                const j = safeJSON(res.text());
                if (arguments.length === 0) { assert(this, j !== undefined, 'expected response body to be a valid json', 'expected response body not to be a valid json'); return; }
                if (typeof path === 'object') { assert(this, deepEqual(j, path), 'expected response body json to equal ' + show(path), 'expected response body json to not equal ' + show(path)); return; }
                const got = String(path).split('.').reduce((o, k) => (o == null ? undefined : o[k]), j);
                if (arguments.length === 1) assert(this, got !== undefined, 'expected ' + show(j) + ' to have property ' + show(path), 'expected ' + show(j) + ' to not have property ' + show(path));
                else assert(this, deepEqual(got, value), 'expected ' + show(j) + ' to have property ' + show(path) + ' of ' + show(value), 'expected ' + show(j) + ' to not have property ' + show(path) + ' of ' + show(value));
            }) },
            responseTime: { value: r(function () { throw unsupported('pm.response.to.have.responseTime'); }) }
        });
        const cls = (name, test, what) => Object.defineProperty(a, name, { get() { assert(this, test(res.code), 'expected response code to be ' + what + ' but found ' + res.code, 'expected response code to not be ' + what + ' but found ' + res.code); return a; } });
        cls('info', (c) => c >= 100 && c < 200, '1XX');
        cls('success', (c) => c >= 200 && c < 300, '2XX');
        cls('redirection', (c) => c >= 300 && c < 400, '3XX');
        cls('clientError', (c) => c >= 400 && c < 500, '4XX');
        cls('serverError', (c) => c >= 500 && c < 600, '5XX');
        cls('error', (c) => c >= 400 && c < 600, '4XX or 5XX');
        cls('ok', (c) => c === 200, '200');
        cls('accepted', (c) => c === 202, '202');
        cls('badRequest', (c) => c === 400, '400');
        cls('unauthorized', (c) => c === 401, '401');
        cls('forbidden', (c) => c === 403, '403');
        cls('notFound', (c) => c === 404, '404');
        cls('rateLimited', (c) => c === 429, '429');
        Object.defineProperty(a, 'json', { get() { assert(this, safeJSON(res.text()) !== undefined, 'expected response body to be a valid json', 'expected response body not to be a valid json'); return a; } });
        return strict(a, 'pm.response.to');
    }
    function safeJSON(t) { try { return JSON.parse(t); } catch (e) { return undefined; } }

    // ---- variables ------------------------------------------------------------

    const ORDER = ['local', 'data', 'environment', 'collectionVariables', 'globals'];
    function lookup(name) {
        for (const s of ORDER) if (N.vars('has', s, String(name))) return getVar(s, name);
        return undefined;
    }
    function dynamic(name) {
        switch (name) {
            case '$guid': case '$randomUUID': return randomUUID();
            case '$timestamp': return String(Math.floor(N.now() / 1000));
            case '$isoTimestamp': return new Date(N.now()).toISOString();
            case '$randomInt': return String(Math.floor(Math.random() * 1001));
        }
        if (name.charAt(0) === '$') throw unsupported('dynamic variable {{' + name + '}}');
        return undefined;
    }
    function replaceIn(get) {
        return function (template) {
            if (typeof template !== 'string') return template;
            return template.replace(/{{([^{}]*?)}}/g, (m, name) => {
                let v = get(name);
                if (v === undefined && name.charAt(0) === '$') v = dynamic(name);
                if (v === undefined) return m;
                return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
            });
        };
    }
    // setVar sets a variable. Setting undefined keeps the variable without a
    // value, as newman does: until the script ends it reads back as undefined
    // (has() is true, toObject() leaves it out); once newman saves the scope it
    // holds null, which later requests substitute as "null" (a test script
    // storing an id the response lacks: the next URL reads /jobs/null).
    const unsaved = new Set();
    const unsavedKey = (scope, k) => scope + '\u0000' + k;
    function setVar(scope, k, v) {
        k = String(k);
        if (v === undefined) {
            N.vars('set', scope, k, null);
            unsaved.add(unsavedKey(scope, k));
            return;
        }
        unsaved.delete(unsavedKey(scope, k));
        N.vars('set', scope, k, v);
    }
    function unsetVar(scope, k) {
        unsaved.delete(unsavedKey(scope, String(k)));
        N.vars('unset', scope, String(k));
    }
    function getVar(scope, k) {
        k = String(k);
        return unsaved.has(unsavedKey(scope, k)) ? undefined : N.vars('get', scope, k);
    }
    function scopeAPI(scope, label, extra) {
        const get = (k) => getVar(scope, k);
        const api = {
            get,
            set(k, v) { setVar(scope, k, v); },
            has(k) { return N.vars('has', scope, String(k)); },
            unset(k) { unsetVar(scope, k); },
            clear() { N.vars('clear', scope, ''); },
            toObject() {
                const o = {};
                for (const k of N.vars('keys', scope, '')) if (!unsaved.has(unsavedKey(scope, k))) o[k] = get(k);
                return o;
            },
            replaceIn: replaceIn(get),
            toJSON() { return { values: N.vars('keys', scope, '').map((k) => ({ key: k, value: get(k) })) }; }
        };
        return strict(Object.assign(api, extra || {}), label);
    }

    // ---- pm and the legacy globals ---------------------------------------------

    function buildPM() {
        const isTest = event === 'test';
        const req = strict(new Request(state.request), 'pm.request');
        const res = state.response ? strict(new Response(state.response), 'pm.response') : undefined;
        const info = strict({ eventName: event, iteration: 0, iterationCount: 1, requestName: state.request.name || '', requestId: state.request.id || '' }, 'pm.info');
        const variables = {
            get: lookup,
            set(k, v) { setVar('local', k, v); },
            has(k) { return ORDER.some((s) => N.vars('has', s, String(k))); },
            unset(k) { unsetVar('local', k); },
            toObject() {
                const o = {};
                for (const s of ORDER.slice().reverse()) for (const k of N.vars('keys', s, '')) o[k] = N.vars('get', s, k);
                return o;
            },
            replaceIn: replaceIn(lookup)
        };
        const setNext = function (name) {
            N.log('debug', scriptPath + ': setNextRequest(' + JSON.stringify(name) + ') ignored: an SDK call runs one request');
        };
        const pm = {
            info,
            request: req,
            response: res,
            variables: strict(variables, 'pm.variables'),
            environment: scopeAPI('environment', 'pm.environment', { name: state.environmentName || '' }),
            collectionVariables: scopeAPI('collectionVariables', 'pm.collectionVariables'),
            globals: scopeAPI('globals', 'pm.globals'),
            iterationData: scopeAPI('data', 'pm.iterationData'),
            sendRequest,
            expect,
            test: function test(name, fn) {
                const r = { Script: scriptPath, Name: String(name), Passed: true, Error: '' };
                tests.push(r);
                if (typeof fn !== 'function') return;
                try {
                    const out = fn(function done(err) { if (err) { r.Passed = false; r.Error = String(err && err.message || err); } });
                    if (out && typeof out.then === 'function') {
                        out.then(null, (e) => { r.Passed = false; r.Error = String(e && e.message || e); });
                    }
                } catch (e) {
                    if (e && e.__postgenUnsupported) throw e;
                    r.Passed = false;
                    r.Error = String(e && e.message || e);
                }
            },
            execution: strict({
                setNextRequest: setNext,
                location: strict(Object.assign([state.request.name || ''], { current: state.request.name || '' }), 'pm.execution.location'),
                skipRequest: lacks('pm.execution.skipRequest')
            }, 'pm.execution'),
            setNextRequest: setNext,
            visualizer: strict({ set() {}, clear() {} }, 'pm.visualizer'),
            require: lacks('pm.require'),
            cookies: lacks('pm.cookies'),
            vault: lacks('pm.vault'),
            getData: lacks('pm.getData')
        };
        pm.test.skip = function (name) { tests.push({ Script: scriptPath, Name: String(name), Passed: true, Error: 'skipped' }); };
        if (!isTest) delete pm.response;
        if (!isTest) pm.response = undefined;
        return { pm: strict(pm, 'pm'), req, res };
    }

    function legacy(pmv) {
        const env = (scope) => {
            const o = {};
            for (const k of N.vars('keys', scope, '')) o[k] = N.vars('get', scope, k);
            return o;
        };
        global.environment = env('environment');
        global.globals = env('globals');
        global.data = env('data');
        global.iteration = 0;
        const r = pmv.req;
        let data = {};
        if (r.body && r.body.mode === 'raw') data = r.body.raw || '';
        if (r.body && (r.body.mode === 'urlencoded' || r.body.mode === 'formdata')) data = r.body[r.body.mode].toObject(true);
        global.request = {
            id: state.request.id, name: state.request.name, description: undefined,
            url: r.url.toString(), method: r.method, headers: r.headers.toObject(true), data
        };
        global.postman = strict({
            setEnvironmentVariable(k, v) { setVar('environment', k, v === undefined ? undefined : String(v)); },
            getEnvironmentVariable(k) { return N.vars('get', 'environment', String(k)); },
            clearEnvironmentVariable(k) { unsetVar('environment', k); },
            clearEnvironmentVariables() { N.vars('clear', 'environment', ''); },
            setGlobalVariable(k, v) { setVar('globals', k, v === undefined ? undefined : String(v)); },
            getGlobalVariable(k) { return N.vars('get', 'globals', String(k)); },
            clearGlobalVariable(k) { unsetVar('globals', k); },
            clearGlobalVariables() { N.vars('clear', 'globals', ''); },
            setNextRequest: pmv.pm.setNextRequest,
            getResponseHeader(name) { return pmv.res ? pmv.res.headers.get(name) : undefined; },
            getResponseCookie: lacks('postman.getResponseCookie')
        }, 'postman');
        for (const k of ['responseBody', 'responseCode', 'responseHeaders', 'responseTime', 'responseCookies', 'tests']) delete global[k];
        if (pmv.res) {
            const res = pmv.res;
            global.responseBody = res.text();
            global.responseCode = { code: res.code, name: res.status, detail: res.status };
            global.responseHeaders = res.headers.toObject(true, true);
            global.responseTime = res.responseTime;
            global.responseCookies = [];
            global.tests = {};
        }
        global.xml2Json = function xml2Json(xml) {
            const j = N.xml2json(String(xml));
            return j ? JSON.parse(j) : undefined;
        };
    }

    // lodash: the few helpers collection scripts use.
    const lodash = strict({
        has(o, path) {
            const ks = Array.isArray(path) ? path : String(path).split('.');
            let c = o;
            for (const k of ks) {
                if (c === null || c === undefined || !Object.prototype.hasOwnProperty.call(Object(c), k)) return false;
                c = c[k];
            }
            return true;
        },
        get(o, path, def) {
            const ks = Array.isArray(path) ? path : String(path).replace(/\[(\d+)\]/g, '.$1').split('.');
            let c = o;
            for (const k of ks) { if (c === null || c === undefined) return def; c = c[k]; }
            return c === undefined ? def : c;
        },
        isEmpty(v) { return v == null || (typeof v === 'object' ? Object.keys(v).length === 0 : (typeof v === 'string' ? v.length === 0 : true)); },
        isString: (v) => typeof v === 'string',
        isArray: Array.isArray,
        isObject: (v) => v !== null && (typeof v === 'object' || typeof v === 'function'),
        isFunction: (v) => typeof v === 'function',
        isNumber: (v) => typeof v === 'number',
        keys: (o) => Object.keys(o || {}),
        values: (o) => Object.values(o || {}),
        each(c, fn) { if (Array.isArray(c)) c.forEach(fn); else Object.keys(c || {}).forEach((k) => fn(c[k], k)); return c; },
        forEach(c, fn) { return lodash.each(c, fn); },
        map(c, fn) { return Array.isArray(c) ? c.map(fn) : Object.keys(c || {}).map((k) => fn(c[k], k)); },
        includes(c, v) { return Array.isArray(c) || typeof c === 'string' ? c.includes(v) : Object.values(c || {}).includes(v); },
        random(lo, hi) { if (hi === undefined) { hi = lo; lo = 0; } return lo + Math.floor(Math.random() * (hi - lo + 1)); }
    }, '_');
    global._ = lodash;

    // require: crypto-js, lodash and a sliver of postman-collection; nothing that
    // reaches files, processes or the network.
    const pmCollection = strict({
        QueryParam: strict({ parse: (q) => parseQuery(q).map((p) => new QueryParam(p)), unparse: unparseQuery, parseSingle, unparseSingle }, 'postman-collection.QueryParam'),
        Url
    }, "require('postman-collection')");
    global.require = function require(name) {
        switch (name) {
            case 'crypto-js': return CryptoJS;
            case 'lodash': return lodash;
            case 'postman-collection': return pmCollection;
            case 'buffer': return { Buffer };
            case 'btoa': return global.btoa;
            case 'atob': return global.atob;
        }
        throw unsupported("require('" + name + "')");
    };

    global.__postgen = {
        init(json) {
            // A Runner reuses its sandbox across calls: start each one clean,
            // keeping only what scripts put on the global object themselves.
            state = JSON.parse(json);
            event = state.event;
            tasks = [];
            tests = [];
            firstUnsupported = '';
            scriptPath = '';
            const pmv = buildPM();
            global.pm = pmv.pm;
            legacy(pmv);
            initial = snapshot(pmv.req);
            currentReq = pmv.req;
        },
        begin(path) {
            flushLegacyTests();
            unsaved.clear(); // newman saved the scopes after the last script
            scriptPath = path;
            firstUnsupported = '';
            if (event === 'test') global.tests = {};
        },
        next() {
            if (!tasks.length) return false;
            let best = 0;
            for (let i = 1; i < tasks.length; i++) if (tasks[i].due < tasks[best].due) best = i;
            const t = tasks.splice(best, 1)[0];
            t.fn.apply(undefined, t.args);
            return true;
        },
        unsupported() { return firstUnsupported; },
        // results returns the test results so far (of a call a script stopped).
        results() {
            flushLegacyTests();
            return JSON.stringify(tests);
        },
        finish() {
            const req = currentReq;
            const now = snapshot(req);
            const changed = Object.keys(now).filter((k) => now[k] !== initial[k]);
            flushLegacyTests();
            const j = req.toJSON();
            return JSON.stringify({ request: { method: j.method, url: j.url, header: j.header, body: j.body, auth: j.auth }, changed, tests });
        }
    };
    // flushLegacyTests records the legacy tests["name"] = bool results of the
    // script that just ran.
    function flushLegacyTests() {
        const t = global.tests;
        if (event !== 'test' || !t || typeof t !== 'object') return;
        for (const k of Object.keys(t)) {
            tests.push({ Script: scriptPath, Name: k, Passed: !!t[k], Error: t[k] ? '' : 'expected ' + show(t[k]) + ' to be truthy' });
        }
        global.tests = {};
    }
    function snapshot(req) {
        const j = req.toJSON();
        return { method: j.method, url: j.url, header: JSON.stringify(j.header), body: JSON.stringify(j.body), auth: JSON.stringify(j.auth) };
    }
})(this);
