package dashboard

import (
	"errors"
	"slices"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"warmloop/internal/locale"
	"warmloop/views/form"
)

// The rules behind the program's editors (the hooks on incentives, tiers
// and variants, and the schema) refuse in English, which the REST API and
// /_/ show as they are. The editors read each refusal by its field and its
// code and say it in the reader's language; a refusal they have no words
// for is read as rule_messages.go reads the settings' (then left as the
// rule wrote it).

// progRuleWords says one rule's refusal, by field and code, in the reader's
// language; ok is false for a refusal it has no words for.
type progRuleWords func(field, code string) (words string, ok bool)

// progSaveSaying saves r once the form passed its own checks, and puts
// what the save refused beside the fields in the reader's language. When
// the form did not pass, nothing is written, but the record's rules still
// judge it, so every field's message shows at once.
func progSaveSaying(app core.App, sp locale.Speaker, f form.Form, r *core.Record, words progRuleWords) {
	if f.Valid() {
		if err := app.Save(r); err != nil {
			if !progFailSaying(sp, f, err, words) {
				f.Fail("_form", sp.T("dash.program.save_failed", "Detail", form.Sentence(err.Error())))
				return
			}
			f.Fail("_form", sp.T("dash.rule.save_fields"))
		}
		return
	}
	if err := app.Validate(r); err != nil {
		progFailSaying(sp, f, err, words)
	}
}

// progFailSaying puts a save's validation errors beside their fields in the
// reader's language; it is false when err is not one.
func progFailSaying(sp locale.Speaker, f form.Form, err error, words progRuleWords) bool {
	var verrs validation.Errors
	if !errors.As(err, &verrs) {
		return false
	}
	for field, ferr := range verrs {
		f.Fail(field, progRuleSaid(sp, field, ferr, words))
	}
	return true
}

// progRuleSaid is one field's refusal in the reader's language.
func progRuleSaid(sp locale.Speaker, field string, err error, words progRuleWords) string {
	var code string
	var verr validation.Error
	if errors.As(err, &verr) {
		code = verr.Code()
	}
	if words != nil {
		if said, ok := words(field, code); ok {
			return said
		}
	}
	return ruleText(sp, form.Sentence(err.Error()))
}

// progRefusalSaying is what a page says, in the reader's language, when a
// switch or a delete was refused for a reason its caller did not foresee:
// the rules' refusals by field and code, or failedKey's sentence ("It could
// not be changed: …") with what went wrong.
func progRefusalSaying(sp locale.Speaker, err error, words progRuleWords, failedKey string) string {
	var verrs validation.Errors
	if errors.As(err, &verrs) {
		var all []string
		for field, ferr := range verrs {
			all = append(all, progRuleSaid(sp, field, ferr, words))
		}
		slices.Sort(all)
		return strings.Join(all, " ")
	}
	detail := err.Error()
	var apiErr *router.ApiError
	if errors.As(err, &apiErr) {
		detail = apiErr.Message
	}
	return sp.T(failedKey, "Detail", form.Sentence(detail))
}
