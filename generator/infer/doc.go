// Package infer turns JSON samples (saved example bodies, request bodies)
// into one type that describes them all.
//
// Its one job is shape: it knows nothing of Go names or of Jennifer. A
// sample is parsed leniently, the way collection authors write bodies
// (comments, trailing commas, {{variables}} or <placeholders> where a value
// goes), then samples of one place are merged by these rules:
//
//   - a member missing from some objects is optional; null seen makes a
//     place nullable;
//   - a number is Int only when every sample is an integer literal that
//     fits int64, otherwise Float;
//   - a string is Time only when every sample parses as RFC 3339 the way
//     encoding/json parses time.Time;
//   - different kinds at one place make it Mixed (the Kinds seen are kept,
//     so the generator can say why);
//   - array elements merge into one element type; an array seen only
//     empty has no element type, an object seen only empty has no fields,
//     and a place seen only as a {{variable}} is Unknown: the caller picks
//     the loosest type that still decodes;
//   - an object whose keys are data rather than names (not usable as a
//     JSON struct tag, all starting with a digit, or rejected by the
//     caller's test) becomes a Map whose element merges every member.
//
// Key gives a structural identity, so identical shapes found in many
// places can be declared once.
package infer
