// What the CLI bundle gets for `require('thrift')` / `import thrift from 'thrift'` (see build.ts): only the parts
// stp's Nimbus client uses. The package's index also loads HTTP, WebSocket and XHR clients and servers, which cost
// a cluster command about as much CPU as the rest of its start-up. Using another part of thrift means adding it here.
exports.Thrift = require('thrift/lib/nodejs/lib/thrift/thrift');
exports.TFramedTransport = require('thrift/lib/nodejs/lib/thrift/framed_transport');
exports.TBinaryProtocol = require('thrift/lib/nodejs/lib/thrift/binary_protocol');
