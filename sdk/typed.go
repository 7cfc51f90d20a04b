package sdk

import (
	"bytes"
	"encoding/json"
	"errors"
)

// This file holds what typed results need beyond send: error bodies
// decoded into the types the collection's examples define, and GraphQL
// request bodies with typed variables.

// ErrorBody says how to decode the error body of one status.
type ErrorBody struct {
	Status int
	Decode func(body []byte) any
}

// ErrorAs decodes an error body into a T; nil when it does not decode.
func ErrorAs[T any](body []byte) any {
	var v T
	if json.Unmarshal(body, &v) != nil {
		return nil
	}
	return v
}

// decodeError decodes an error body with op's decoder for status, nil
// when there is none or the body does not decode.
func (op *Operation) decodeError(status int, body []byte) any {
	for _, e := range op.ErrBodies {
		if e.Status == status {
			return e.Decode(body)
		}
	}
	return nil
}

// AsErrorBody returns the typed error body that err carries: the Decoded
// value of an *APIError in err's chain, when it is a T.
//
//	if e, ok := AsErrorBody[*BookingsGetError](err); ok { ... }
func AsErrorBody[T any](err error) (T, bool) {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		if v, ok := apiErr.Decoded.(T); ok {
			return v, true
		}
	}
	var zero T
	return zero, false
}

// GraphQLRequest is the body of a GraphQL request: the query, an optional
// operation name and the variables, typed from the collection's.
type GraphQLRequest[V any] struct {
	// Query is the GraphQL document; empty sends the collection's query.
	Query string
	// OperationName picks the operation to run when Query has several;
	// empty leaves it out.
	OperationName string
	// Variables are the query's variables.
	Variables V
}

// graphQLRequest is implemented by every GraphQLRequest.
type graphQLRequest interface {
	graphQL() (query, operationName string, variables any)
}

func (r *GraphQLRequest[V]) graphQL() (string, string, any) {
	return r.Query, r.OperationName, r.Variables
}

// graphQLCallerBody encodes a caller's GraphQL request as Postman orders
// the members (§9.6): query (the collection's when empty), operationName
// when set, variables when set.
func (c *Core) graphQLCallerBody(spec *BodySpec, r graphQLRequest) ([]byte, error) {
	query, op, vars := r.graphQL()
	if query == "" {
		var err error
		if query, err = c.Resolve(spec.Text); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	b.WriteString(`{"query":`)
	writeJSONString(&b, query)
	if op != "" {
		b.WriteString(`,"operationName":`)
		writeJSONString(&b, op)
	}
	if !isNil(vars) {
		v, err := marshalJSON(vars)
		if err != nil {
			return nil, err
		}
		b.WriteString(`,"variables":`)
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// RawJSON is a JSON response body left undecoded: the result of a
// request whose collection saved no example to type it from.
type RawJSON []byte

// Decode decodes the body into v, a pointer to a type of the caller's.
func (r RawJSON) Decode(v any) error { return json.Unmarshal(r, v) }

// MarshalJSON returns the body as it is, so RawJSON embeds in JSON.
func (r RawJSON) MarshalJSON() ([]byte, error) {
	if len(r) == 0 {
		return []byte("null"), nil
	}
	return r, nil
}
