// Mapped sources: a tool Warmloop has no code for posts its own JSON to
// /hooks/moments/{name}, and the source the admin described says where in
// that JSON the moment's parts are (RFC 6901 JSON pointers), which events
// to keep, and how the tool proves it knows the secret. Everything here is
// plain Go over bytes and values; the records are read and written in
// mapped_query.go.

package intake

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/textproto"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-openapi/jsonpointer"

	"warmloop/internal/customers"
	"warmloop/internal/text"
)

// Source is a mapped source as the admin described it.
type Source struct {
	ID, Name, Kind string
	// Pointers into the JSON body (RFC 6901). Email and ExternalID are
	// required; Score is for nps sources; Time empty means on arrival;
	// Locale, optional, is where the customer's language tag is.
	Email, Score, Comment, ExternalID, Time, Locale string
	// Keep, when set, keeps only events whose value at Keep equals
	// KeepValue; the others are answered as ignored.
	Keep, KeepValue string
	// Auth is how a delivery proves it knows Secret: AuthHeader, AuthHMAC
	// or AuthToken. Header names the header of the first two.
	Auth, Header, Encoding, Secret string
}

// How a mapped source's deliveries authenticate.
const (
	AuthHeader = "header" // the header named Header holds the secret
	AuthHMAC   = "hmac"   // the header named Header holds an HMAC-SHA256 of the body, hex or base64, "sha256=" optional
	AuthToken  = "token"  // ?token=<secret>
)

// reservedSourceNames cannot name a mapped source: built-in routes answer
// at /hooks/moments/{these}, or moments of other paths already carry them as
// their source, so a mapped source of that name would share their
// redeliveries' ids.
var reservedSourceNames = []string{"zendesk", "hubspot", "stripe", "api", "dashboard", "csv", "import", "demo"}

// sourceName is the shape of a source's name: a slug of at most 48.
var sourceName = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$`)

// headerName is the shape of an HTTP header's name (a token of RFC 9110).
var headerName = regexp.MustCompile(`^[A-Za-z0-9!#$%&'*+.^_` + "`" + `|~-]{1,100}$`)

// ReservedSourceName reports whether name is kept for a built-in path.
func ReservedSourceName(name string) bool {
	return slices.Contains(reservedSourceNames, name) || KnownNPS(name)
}

// Problem is one thing wrong with a source: its code, the values its
// words are filled with, and the English sentence the REST API and the
// hook answer with. The dashboard says it in the reader's language by code.
type Problem struct {
	Code    string
	Values  map[string]string
	Message string
}

// Error is the problem's English message.
func (p Problem) Error() string { return p.Message }

// problem is a Problem with its values given as names and values in turn.
func problem(code, message string, values ...string) Problem {
	p := Problem{Code: code, Message: message, Values: map[string]string{}}
	for i := 0; i+1 < len(values); i += 2 {
		p.Values[values[i]] = values[i+1]
	}
	return p
}

// Problems lists what is wrong with a source, by the name of its field in
// the sources collection, in English; empty when nothing is. kinds are the
// moment kinds the schema allows.
func (s Source) Problems(kinds []string) map[string]string {
	out := map[string]string{}
	for field, p := range s.Check(kinds) {
		out[field] = p.Message
	}
	return out
}

// Check lists what is wrong with a source, by the name of its field in the
// sources collection; empty when nothing is. kinds are the moment kinds the
// schema allows. Whether the name is taken is the unique index's to say.
func (s Source) Check(kinds []string) map[string]Problem {
	p := map[string]Problem{}
	switch {
	case s.Name == "":
		p["name"] = problem("name_missing", "give the source a name, such as acme-crm: it becomes its URL")
	case !sourceName.MatchString(s.Name):
		p["name"] = problem("name_shape", "use lower-case letters, digits and dashes, at most 48, starting and ending with a letter or digit (such as acme-crm)")
	case ReservedSourceName(s.Name):
		p["name"] = problem("name_reserved", "“"+s.Name+"” is kept for a built-in integration; choose another name", "Name", s.Name)
	}
	if !slices.Contains(kinds, s.Kind) {
		p["kind"] = problem("kind", "choose one of "+strings.Join(kinds, ", "), "Kinds", strings.Join(kinds, ", "))
	}
	pointers := []struct {
		field, value string
		required     bool
	}{
		{"email_pointer", s.Email, true}, {"score_pointer", s.Score, s.Kind == "nps"},
		{"comment_pointer", s.Comment, false}, {"external_id_pointer", s.ExternalID, true},
		{"time_pointer", s.Time, false}, {"locale_pointer", s.Locale, false},
		{"keep_pointer", s.Keep, s.KeepValue != ""},
	}
	for _, ptr := range pointers {
		if prob, bad := pointerProblem(ptr.value, ptr.required); bad {
			p[ptr.field] = prob
		}
	}
	if s.Score != "" && s.Kind != "nps" && p["kind"].Code == "" {
		p["score_pointer"] = problem("score_not_nps", "only an nps source reads a score; leave it empty for "+s.Kind, "Kind", s.Kind)
	}
	if s.Keep != "" && s.KeepValue == "" {
		p["keep_value"] = problem("keep_value_missing", "say which value to keep, such as survey.completed")
	}
	switch s.Auth {
	case AuthHeader, AuthHMAC:
		if !headerName.MatchString(s.Header) {
			p["auth_header"] = problem("header_name", "name the header the tool sends, such as X-Webhook-Secret: letters, digits and dashes")
		}
	case AuthToken:
	default:
		p["auth"] = problem("auth", "choose a header with the secret, an HMAC of the body, or ?token=")
	}
	if s.Auth == AuthHMAC && s.Encoding != "hex" && s.Encoding != "base64" {
		p["hmac_encoding"] = problem("hmac_encoding", "choose whether the signature is hex or base64")
	}
	if s.Auth != "" && s.Secret == "" {
		p["secret"] = problem("secret_missing", "the secret is required: paste the one the tool signs or sends with")
	}
	return p
}

// pointerProblem says what is wrong with a JSON pointer; bad is false when nothing.
func pointerProblem(ptr string, required bool) (p Problem, bad bool) {
	if ptr == "" {
		if required {
			return problem("pointer_required", "is required: a JSON pointer such as /data/contact/email"), true
		}
		return Problem{}, false
	}
	if !strings.HasPrefix(ptr, "/") {
		return problem("pointer_slash", "a JSON pointer starts with a slash, such as /data/contact/email"), true
	}
	if _, err := jsonpointer.New(ptr); err != nil {
		return problem("pointer_invalid", "is not a JSON pointer (RFC 6901): "+err.Error(), "Detail", err.Error()), true
	}
	return Problem{}, false
}

// DeliveryAuth is what a delivery offers as proof it knows the secret.
type DeliveryAuth struct {
	Header string // the value of the source's header, "" when absent
	Token  string // ?token=
}

// Authenticate says why a delivery does not prove it knows the source's
// secret, "" when it does. Comparisons take constant time.
func (s Source) Authenticate(d DeliveryAuth, body []byte) string {
	if s.Secret == "" {
		return "the source has no secret; set one in the dashboard"
	}
	equal := func(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }
	switch s.Auth {
	case AuthToken:
		if d.Token == "" {
			return "add ?token=<the source's secret> to the URL"
		}
		if !equal(d.Token, s.Secret) {
			return "the ?token= is not the source's secret"
		}
	case AuthHeader:
		got := strings.TrimSpace(d.Header)
		if b, ok := strings.CutPrefix(got, "Bearer "); ok {
			got = strings.TrimSpace(b)
		}
		if got == "" {
			return "send the secret in the " + s.canonicalHeader() + " header"
		}
		if !equal(got, s.Secret) {
			return "the " + s.canonicalHeader() + " header is not the source's secret"
		}
	case AuthHMAC:
		got := strings.TrimPrefix(strings.TrimSpace(d.Header), "sha256=")
		if got == "" {
			return "sign the body: " + s.canonicalHeader() + " must hold its HMAC-SHA256 (" + s.Encoding + ")"
		}
		mac := hmac.New(sha256.New, []byte(s.Secret))
		mac.Write(body)
		want := hex.EncodeToString(mac.Sum(nil))
		if s.Encoding == "base64" {
			want = base64.StdEncoding.EncodeToString(mac.Sum(nil))
		} else {
			got = strings.ToLower(got)
		}
		if !equal(got, want) {
			return "the signature in " + s.canonicalHeader() + " does not match the body: check the secret and that the " + s.Encoding + " HMAC-SHA256 is of the raw body"
		}
	default:
		return "the source has no way to authenticate; edit it in the dashboard"
	}
	return ""
}

// canonicalHeader is the source's header as HTTP writes it.
func (s Source) canonicalHeader() string { return textproto.CanonicalMIMEHeaderKey(s.Header) }

// Mapped is what a delivery to a mapped source became: a moment, or an
// event the keep rule ignores (Ignored, with the reason).
type Mapped struct {
	Moment  Moment
	Ignored string
}

// Map reads a delivery's body through the source's pointers into a moment,
// checked as every moment is. A problem is a *FieldError naming the
// moment's field (email, score, comment, external_id, occurred_at) and the
// pointer read; an event the keep rule leaves out is not a problem.
func (s Source) Map(body []byte, now time.Time) (Mapped, error) {
	doc, err := decodeJSON(body)
	if err != nil {
		return Mapped{}, err
	}
	if s.Keep != "" {
		got, found := lookup(doc, s.Keep)
		if !found {
			return Mapped{Ignored: "nothing at " + s.Keep + "; only events with " + s.KeepValue + " there are kept"}, nil
		}
		if v, ok := scalar(got); !ok || v != s.KeepValue {
			return Mapped{Ignored: s.Keep + " is " + shown(got) + ", not " + s.KeepValue}, nil
		}
	}
	m := Moment{Kind: s.Kind, Source: s.Name}
	email, err := s.required(doc, "email", s.Email)
	if err != nil {
		return Mapped{}, err
	}
	m.Email = customers.CanonicalEmail(email)
	if !customers.ValidEmail(m.Email) {
		return Mapped{}, fieldError("email", "the value at %s is not an email address", s.Email)
	}
	if s.Kind == "nps" {
		raw, found := lookup(doc, s.Score)
		if !found {
			return Mapped{}, fieldError("score", "nothing at %s", s.Score)
		}
		if m.Score, err = mappedScore(raw, s.Score); err != nil {
			return Mapped{}, err
		}
	}
	if m.ExternalID, err = s.required(doc, "external_id", s.ExternalID); err != nil {
		return Mapped{}, err
	}
	if len(m.ExternalID) > 255 {
		return Mapped{}, fieldError("external_id", "the value at %s is longer than 255 characters", s.ExternalID)
	}
	if s.Comment != "" {
		if v, found := lookup(doc, s.Comment); found && v != nil {
			c, ok := scalar(v)
			if !ok {
				return Mapped{}, fieldError("comment", "the value at %s is not text", s.Comment)
			}
			if m.Comment = text.Block(c); len(m.Comment) > 5000 {
				return Mapped{}, fieldError("comment", "the value at %s is longer than 5000 characters", s.Comment)
			}
		}
	}
	m.Locale = s.locale(doc)
	if s.Time != "" {
		v, found := lookup(doc, s.Time)
		if !found {
			return Mapped{}, fieldError("occurred_at", "nothing at %s", s.Time)
		}
		if m.OccurredAt, err = mappedTime(v, s.Time, now); err != nil {
			return Mapped{}, err
		}
	}
	return Mapped{Moment: m}, nil
}

// locale is the language tag at the source's locale pointer, as sent, for
// WithLocale to judge: "" when the source reads none or the body has no
// text there. A language is a hint beside the moment, so a missing or odd
// one never refuses the delivery: an unknown or malformed tag is simply
// not stored.
func (s Source) locale(doc any) string {
	if s.Locale == "" {
		return ""
	}
	v, found := lookup(doc, s.Locale)
	if !found {
		return ""
	}
	tag, ok := scalar(v)
	if !ok {
		return ""
	}
	return strings.TrimSpace(tag)
}

// required reads the text at ptr, which must be there and not empty.
func (s Source) required(doc any, field, ptr string) (string, error) {
	v, found := lookup(doc, ptr)
	if !found || v == nil {
		return "", fieldError(field, "nothing at %s", ptr)
	}
	str, ok := scalar(v)
	if !ok {
		return "", fieldError(field, "the value at %s is not text or a number", ptr)
	}
	if str = strings.TrimSpace(str); str == "" {
		return "", fieldError(field, "the value at %s is empty", ptr)
	}
	return str, nil
}

// decodeJSON decodes a body, keeping numbers as they were written.
func decodeJSON(body []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, fieldError("body", "is not valid JSON: %v", err)
	}
	if dec.More() {
		return nil, fieldError("body", "holds more than one JSON value")
	}
	return doc, nil
}

// lookup finds the value at a JSON pointer; found is false when nothing is
// there (a missing key, an index past the end).
func lookup(doc any, ptr string) (any, bool) {
	p, err := jsonpointer.New(ptr)
	if err != nil {
		return nil, false
	}
	v, _, err := p.Get(doc)
	return v, err == nil
}

// scalar is a JSON string, number or boolean as text; ok is false for an
// object, an array or null.
func scalar(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case json.Number:
		return v.String(), true
	case bool:
		return strconv.FormatBool(v), true
	}
	return "", false
}

// shown writes a value found in a body for a message, briefly.
func shown(v any) string {
	if s, ok := scalar(v); ok {
		if len(s) > 40 {
			s = s[:40] + "…"
		}
		return strconv.Quote(s)
	}
	switch v.(type) {
	case nil:
		return "null"
	case []any:
		return "a list"
	}
	return "an object"
}

// mappedScore reads a 0–10 score sent as a number or a numeric string.
func mappedScore(v any, ptr string) (int, error) {
	s, ok := scalar(v)
	if !ok {
		return 0, fieldError("score", "the value at %s is not a number", ptr)
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || f != float64(int(f)) || f < 0 || f > 10 {
		return 0, fieldError("score", "the value at %s must be a whole number from 0 to 10, got %s", ptr, shown(v))
	}
	return int(f), nil
}

// mappedTime reads when a moment happened: an RFC 3339 time, or Unix
// seconds (milliseconds when the number is too large to be seconds), held
// to the dates a moment may have.
func mappedTime(v any, ptr string, now time.Time) (time.Time, error) {
	var t time.Time
	switch v := v.(type) {
	case string:
		parsed, err := time.Parse(time.RFC3339, strings.TrimSpace(v))
		if err != nil {
			return time.Time{}, fieldError("occurred_at", "the value at %s must be an RFC 3339 time such as 2026-11-24T09:30:00Z or Unix seconds, got %s", ptr, shown(v))
		}
		t = parsed
	case json.Number:
		n, err := v.Int64()
		if err != nil {
			return time.Time{}, fieldError("occurred_at", "the value at %s must be whole Unix seconds, got %s", ptr, v)
		}
		if n > 1e11 {
			t = time.UnixMilli(n)
		} else {
			t = time.Unix(n, 0)
		}
	default:
		return time.Time{}, fieldError("occurred_at", "the value at %s must be an RFC 3339 time or Unix seconds, got %s", ptr, shown(v))
	}
	if problem := OccurredAtProblem(t, now); problem != "" {
		return time.Time{}, fieldError("occurred_at", "the value at %s %s", ptr, problem)
	}
	return t.UTC(), nil
}

// Redact is a delivery's body as the deliveries list shows it, the
// source's secret masked with the rest (see RedactBody).
func (s Source) Redact(body []byte) string {
	return RedactBody(body, s.Secret)
}

// RedactBody is a delivery's body as a deliveries log keeps it: the JSON
// with every email's local part and every string longer than 40 characters
// masked, each of secrets wherever it appears replaced, and at most 4000
// characters. A body that is not JSON shows only its size.
func RedactBody(body []byte, secrets ...string) string {
	doc, err := decodeJSON(body)
	if err != nil {
		return fmt.Sprintf("(not JSON: %d bytes)", len(body))
	}
	out, err := json.Marshal(redactValue(doc, secrets))
	if err != nil {
		return fmt.Sprintf("(%d bytes)", len(body))
	}
	if len(out) > 4000 {
		return string(out[:4000]) + "…"
	}
	return string(out)
}

// anEmail finds email addresses in text, to mask.
var anEmail = regexp.MustCompile(`[^\s@"<>(),;:]+@([A-Za-z0-9.-]+\.[A-Za-z]{2,})`)

// redactValue masks the strings of a decoded JSON value, keys included.
func redactValue(v any, secrets []string) any {
	switch v := v.(type) {
	case string:
		return redactString(v, secrets)
	case []any:
		for i := range v {
			v[i] = redactValue(v[i], secrets)
		}
		return v
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, val := range v {
			out[redactString(k, secrets)] = redactValue(val, secrets)
		}
		return out
	}
	return v
}

// redactString masks the secrets, emails and long text in one string.
func redactString(str string, secrets []string) string {
	for _, secret := range secrets {
		if secret != "" && strings.Contains(str, secret) {
			str = strings.ReplaceAll(str, secret, "[secret]")
		}
	}
	str = anEmail.ReplaceAllString(str, "•••@$1")
	if n := len([]rune(str)); n > 40 {
		return fmt.Sprintf("[%d characters]", n)
	}
	return str
}
