package customers

import (
	"fmt"
	"strings"
)

// DefaultSource is the source of a customer created without one, by any
// path (the REST API, the admin UI, Go code): a customer nobody says was
// referred or imported came to the company directly.
const DefaultSource = "direct"

// MaxSourceDetail is the longest source_detail, the free text beside the
// source that says where a customer came from in a file's or a tool's own
// words ("hubspot", "Q3 webinar").
const MaxSourceDetail = 200

// SourceOrDefault is the source a new customer is saved with: the one
// given, or DefaultSource when none is. A source given is kept as it is,
// for the schema to judge.
func SourceOrDefault(source string) string {
	if strings.TrimSpace(source) == "" {
		return DefaultSource
	}
	return source
}

// UnknownSourceMessage says what an unknown source must be instead, sources
// being the ones the schema allows, and where its value can go.
func UnknownSourceMessage(sources []string) string {
	return fmt.Sprintf("Must be one of %s. Put where else the customer came from (\"hubspot\", say) in source_detail.",
		strings.Join(sources, ", "))
}
