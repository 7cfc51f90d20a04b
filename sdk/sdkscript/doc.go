// Package sdkscript runs a Postman collection's pre-request and test scripts as
// newman does, for SDKs that opt in to running them. It uses goja, a pure-Go
// ECMAScript engine, so only SDKs whose collections have scripts, and whose
// users ask for them, import it.
//
// A Runner runs the scripts that govern one request: collection, then folders
// from the outside in, then the request's own. PreRequest lets them change the
// request and the variables; Test gives them the response as pm.response and
// returns their pm.test results:
//
//	r := sdkscript.New(sdkscript.Options{SendRequest: send, Logger: logf})
//	vars := &sdkscript.Scopes{Environment: env, Collection: coll}
//	err := r.PreRequest(ctx, pre, req, vars)   // req, vars changed in place
//	...
//	results, err := r.Test(ctx, tests, req, resp, vars)
//
// A Runner keeps one sandbox for all its calls, as newman keeps one for a whole
// run, so a helper a collection or folder script defines without var, let or
// const (a common Postman idiom) is visible to the request's scripts and to
// later calls; var declarations stay local to their script, and pm, timers
// and test results are per call. Calls on one Runner then run one at a time;
// Options.Isolate gives each call a fresh sandbox instead. Each
// script runs inside an async function, so top-level await works, as in
// Postman. Timers and pm.sendRequest callbacks run after the script's
// synchronous part without waiting, timers in the order of their delays.
//
// # Limits
//
// Each call has a time limit (Options.Timeout, 5 s by default) covering its
// scripts and the requests they send; a script that runs past it is
// interrupted with an error that wraps context.DeadlineExceeded. Scripts have
// no file system, process or network access: the only way out is
// pm.sendRequest, through Options.SendRequest; require knows only crypto-js,
// lodash, buffer and a sliver of postman-collection. The clock (Date,
// {{$timestamp}}) is Options.Now and the random source (Math.random,
// crypto.getRandomValues, {{$randomUUID}}) is Options.Rand, so conformance
// runs can fix both.
//
// # Errors
//
// A script that throws, times out, or calls an API the runtime lacks stops the
// call with a *ScriptError naming the script's JSON path and event, and for a
// missing API the call:
//
//	item[3].event[0] (prerequest): pm.cookies.jar is not supported by postgen's script runtime
//	item[0].event[1] (test): TypeError: Cannot read property 'token' of undefined (line 11:54)
//
// Reading a member that pm, pm.request, pm.response, postman, CryptoJS and the
// other API objects do not have is such an error, not a silent undefined, and
// so is a call of a missing API that the script catches. A failed pm.expect
// inside pm.test is a failed TestResult, not an error.
//
// # The sandbox API, by use in the corpus
//
// The table lists the sandbox APIs the corpus's scripts call (the shared
// collections, events[].script.exec, comments removed), with the number of
// scripts that call each (distinct sources in parentheses), and what the
// runtime does. 2,409 non-empty scripts, 381 distinct.
//
//	API                                              pre-request  test        runtime
//	pm.environment get/set/unset/has/toObject        7 (7)        2014 (91)   yes
//	pm.environment.name                              0            10 (9)      yes (Scopes.EnvironmentName)
//	pm.collectionVariables get/set/unset             10 (10)      33 (31)     yes
//	pm.globals get/set                               1 (1)        30 (30)     yes
//	pm.variables get/set (Postman precedence)        9 (9)        11 (11)     yes
//	pm.variables.replaceIn ({{$randomUUID}} etc.)    2 (2)        0           yes
//	pm.request.url (query, host, path, =, toString,  5 (5)        1 (1)       yes
//	  getQueryString, getOAuth1BaseUrl)
//	pm.request.headers (add, get, find, upsert)      3 (3)        0           yes
//	pm.request.body (mode, raw, urlencoded)          2 (2)        1 (1)       yes
//	pm.request.method                                4 (4)        0           yes
//	pm.request.auth (type)                           1 (1)        0           yes
//	pm.response json/text                            0            176 (158)   yes
//	pm.response code/status/headers.get              0            163 (76)    yes
//	pm.response.to (have.status/header/jsonBody,     0            131 (118)   yes
//	  be.ok, not.be.error)
//	pm.test                                          0            163 (146)   yes
//	pm.expect (chai subset: equal, eql, property,    0            159 (142)   yes
//	  include, lengthOf, empty, a, oneOf, gt ...)
//	pm.sendRequest (callback and promise)            5 (5)        1 (1)       yes, via Options.SendRequest
//	pm.execution.setNextRequest, postman.setNext…    6 (6)        15 (14)     ignored, logged at debug
//	pm.visualizer.set                                0            5 (5)       no-op
//	pm.getData                                       0            2 (2)       unsupported
//	pm.require (Postman package library)             1 (1)        0           unsupported
//	postman.set/get Environment/Global Variable      2 (2)        86 (57)     yes
//	postman.getResponseHeader                        0            1 (1)       yes
//	tests["name"] = …                                0            2023 (101)  yes
//	responseBody, responseCode, responseHeaders      0            2195 (185)  yes
//	String.prototype.has (responseBody.has), and    1 (1)        14 (14)     yes (Sugar.js, as newman's
//	  Date.prototype.addDays                                                   sandbox has it; no more)
//	CryptoJS HmacSHA1/256/512, SHA1/256/512, MD5     1 (1)        0           yes
//	CryptoJS.enc Hex/Base64/Utf8/Latin1              1 (1)        0           yes
//	require('postman-collection') (QueryParam.parse) 1 (1)        0           yes (QueryParam, Url only)
//	crypto.subtle importKey/sign (HMAC), TextEncoder 1 (1)        0           yes
//	crypto.getRandomValues                           1 (1)        0           yes
//	btoa / atob                                      1 (1)        0           yes
//	Buffer.from(…).toString('base64')                in a collection variable  yes
//	                                                 paypal's scripts eval
//	console.log/info/warn/error                      4 (4)        165 (79)    yes, to Options.Logger
//	setTimeout                                       1 (1)        2 (2)       yes, without waiting
//	_.has (lodash)                                   0            4 (2)       yes (a few lodash helpers)
//	xml2Json                                         0            3 (3)       yes (xml2js's shape)
//	eval                                             2 (2)        5 (5)       yes (the engine's)
//	Date, Date.now / Math.random                     6 (6) / 5 (5) 0          yes, Options.Now / Options.Rand
//	pm.info, pm.iterationData, legacy environment,   0            0           yes (no corpus use)
//	  globals, data, request objects, require('crypto-js')
//	moment                                           0            0           not provided
//
// Run on every corpus request a script governs (TestCorpusScripts: each
// collection's requests in order on one Runner, pre-request then test, against
// a canned JSON response), 487 of 495 pre-request runs and all 2,396 test runs
// use no unsupported API; the 8 are docusign-monitor's
// pm.require('npm:jsrsasign@11.1.0'), which its Auth folder needs to mint JWTs.
//
// Compared with newman's own sandbox (TestNewmanDiff and TestNewmanDiffTests,
// with POSTGEN_NEWMAN set; Date and Math.random fixed on both sides): 436 of
// those 495 pre-request runs leave the same request and variables; 8 are
// unsupported; 48 are binance-spot, whose top-level await the pinned newman's
// sandbox (postman-sandbox 4.7.1) rejects as a syntax error, so newman never
// signs while this runtime does, as the Postman app does; 2 use
// {{$randomUUID}} or {{$timestamp}}, which stay real in newman's sandbox, and
// 1 waits 20 s in setTimeout. Of the 2,396 test runs, 2,385 give the same test
// names, outcomes and variables, 8 are unsupported, and the other 3 are those
// same random, clock and 20 s cases. Assertion messages follow chai's wording
// but chai abbreviates long values ({ id: '1', …(3) }) where this runtime
// prints JSON, and goja words its TypeErrors its own way.
//
// Request and response headers keep their names as spelled, as newman sends
// them; use HeaderGet to read them case-insensitively.
package sdkscript
