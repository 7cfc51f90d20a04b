package sdk

// The version guard, as protobuf's protoimpl.EnforceVersion: each SDK
// declares the version of this package it was generated for, N, and
//
//	const _ = sdk.EnforceVersion(sdk.MaxVersion - N)
//	const _ = sdk.EnforceVersion(N - sdk.MinVersion)
//
// A negative constant does not convert to an unsigned type, so an SDK
// built against a runtime outside [MinVersion, MaxVersion] fails to
// compile on those lines instead of misbehaving: regenerate it with the
// postgen version the build uses, or require the postgen version that
// generated it.
const (
	// GeneratedVersion is the version postgen writes into the SDKs it
	// generates now. It grows whenever generated code needs something
	// of this package that older runtimes lack.
	GeneratedVersion = 1
	// MinVersion is the oldest generated version this runtime still runs.
	MinVersion = 1
	// MaxVersion is the newest generated version this runtime runs,
	// GeneratedVersion.
	MaxVersion = GeneratedVersion
)

// EnforceVersion is the type of the version guard of generated SDKs; it
// has no other use.
type EnforceVersion uint
