package pages_test

import (
	"slices"
	"testing"

	"warmloop/internal/pages"
)

func TestUnknownVarsNamesEachTypoOnceAsWritten(t *testing.T) {
	src := "Hi {{frist_name}} and {{ first_name }}, {{first_name}} of {{ Company }}: {{first-name}} {{frist_name}} {{}}"
	got := pages.UnknownVars(src, []string{"first_name", "company"})
	want := []string{"{{frist_name}}", "{{ Company }}", "{{first-name}}", "{{}}"}
	if !slices.Equal(got, want) {
		t.Errorf("UnknownVars = %q, want %q", got, want)
	}
	if got := pages.UnknownVars("No variables at all, { not } one.", nil); len(got) != 0 {
		t.Errorf("plain text has unknown variables %q", got)
	}
}

func TestBracedWritesTheNamesAsAnAuthorTypesThem(t *testing.T) {
	if got := pages.Braced([]string{"first_name", "company"}); got != "{{first_name}}, {{company}}" {
		t.Errorf("Braced = %q", got)
	}
	if got := pages.Braced(nil); got != "" {
		t.Errorf("Braced(nil) = %q", got)
	}
}
