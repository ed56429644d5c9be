package webhooks_test

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/webtest"
)

// The providers' own keys in the tests, each unlike nps_secret.
var providerKeys = map[string]string{
	"delighted_secret": "delighted-account-key",
	"survicate_secret": "survicate-signing-secret",
	"wootric_secret":   "wootric-webhook-secret",
	"asknicely_secret": "asknicely-custom-token",
}

// withProviderKeys is a test app whose settings carry the NPS secret and
// each provider's own key.
func withProviderKeys(t testing.TB) *tests.TestApp {
	app := withSecret(t)
	s, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	for field, key := range providerKeys {
		s.Set(field, key)
	}
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	return app
}

// hexMAC is the hex HMAC of body keyed with key.
func hexMAC(h func() hash.Hash, key string, body []byte) string {
	m := hmac.New(h, []byte(key))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// signedProvider is how one provider delivers a fixture: its path, its
// content type, and the proof it attaches with a given key.
type signedProvider struct {
	provider, promoter, detractor, contentType string
	keyField                                   string
	sign                                       func(key string, body []byte) (query string, headers map[string]string)
}

var signedProviders = []signedProvider{
	{"delighted", "delighted_promoter.json", "delighted_detractor.json", "application/json", "delighted_secret",
		func(key string, body []byte) (string, map[string]string) {
			return "", map[string]string{"X-Delighted-Webhook-Signature": "sha256=" + hexMAC(sha256.New, key, body)}
		}},
	{"survicate", "survicate_promoter.json", "survicate_detractor.json", "application/json", "survicate_secret",
		func(key string, body []byte) (string, map[string]string) {
			return "", map[string]string{"Hmac": hexMAC(sha256.New, key, body)}
		}},
	{"wootric", "wootric_promoter.form", "wootric_detractor.form", "application/x-www-form-urlencoded", "wootric_secret",
		func(key string, body []byte) (string, map[string]string) {
			return "", map[string]string{"X-Wootric-Signature": "sha1=" + hexMAC(sha1.New, key, body)}
		}},
	{"asknicely", "asknicely_promoter.json", "asknicely_detractor.json", "application/json", "asknicely_secret",
		func(key string, _ []byte) (string, map[string]string) {
			return "?token=" + key, nil
		}},
}

// fixture reads a provider's documented example from intake's testdata.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	body, err := os.ReadFile("../../internal/intake/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// delivery is what a webhook answered.
type delivery struct {
	Status    int
	ID        string `json:"id"`
	Duplicate bool   `json:"duplicate"`
	Updated   bool   `json:"updated"`
	Decision  string `json:"decision"`
	Ignored   bool   `json:"ignored"`
	Message   string `json:"message"`
	Field     string `json:"field"`
}

// deliver posts body to url with headers and reads the answer.
func deliver(t testing.TB, url, contentType string, body []byte, headers map[string]string) delivery {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	d := delivery{Status: res.StatusCode}
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("answer %d is not JSON: %s", res.StatusCode, raw)
	}
	return d
}

func TestEachProviderSignedWithItsOwnKey(t *testing.T) {
	for _, p := range signedProviders {
		send := func(t *testing.T, srv string, file, key string) delivery {
			body := fixture(t, file)
			query, headers := p.sign(key, body)
			return deliver(t, srv+"/hooks/nps/"+p.provider+query, p.contentType, body, headers)
		}
		own := providerKeys[p.keyField]
		t.Run(p.provider+": a promoter is asked", func(t *testing.T) {
			app := withProviderKeys(t)
			defer app.Cleanup()
			if d := send(t, webtest.Server(t, app).URL, p.promoter, own); d.Status != http.StatusCreated || d.Decision != "asked" {
				t.Errorf("answered %+v, want 201 asked", d)
			}
			expectWritten(1, 1, 1)(t, app, nil)
		})
		t.Run(p.provider+": a detractor is recorded and not asked", func(t *testing.T) {
			app := withProviderKeys(t)
			defer app.Cleanup()
			if d := send(t, webtest.Server(t, app).URL, p.detractor, own); d.Status != http.StatusCreated || d.Decision != "below_threshold" {
				t.Errorf("answered %+v, want 201 below_threshold", d)
			}
			expectWritten(1, 0, 0)(t, app, nil)
		})
		t.Run(p.provider+": the same delivery again is recognised as a duplicate", func(t *testing.T) {
			app := withProviderKeys(t)
			defer app.Cleanup()
			srv := webtest.Server(t, app).URL
			first := send(t, srv, p.promoter, own)
			again := send(t, srv, p.promoter, own)
			if first.Status != http.StatusCreated || again.Status != http.StatusOK || !again.Duplicate || again.ID != first.ID || again.Updated {
				t.Errorf("first %+v, again %+v: want 201 then 200 duplicate of the same moment, not updated", first, again)
			}
			expectWritten(1, 1, 1)(t, app, nil)
		})
		t.Run(p.provider+": a signature with another key is refused", func(t *testing.T) {
			app := withProviderKeys(t)
			defer app.Cleanup()
			if d := send(t, webtest.Server(t, app).URL, p.promoter, "not-the-key-at-all"); d.Status != http.StatusUnauthorized || !strings.Contains(d.Message, "missing or wrong secret") {
				t.Errorf("answered %+v, want 401 missing or wrong secret", d)
			}
			expectWritten(0, 0, 0)(t, app, nil)
		})
		t.Run(p.provider+": once it has its own key, nps_secret no longer proves it", func(t *testing.T) {
			app := withProviderKeys(t)
			defer app.Cleanup()
			if d := send(t, webtest.Server(t, app).URL, p.promoter, npsSecret); d.Status != http.StatusUnauthorized {
				t.Errorf("answered %+v, want 401", d)
			}
			expectWritten(0, 0, 0)(t, app, nil)
		})
		t.Run(p.provider+": with its own key empty, nps_secret is its key", func(t *testing.T) {
			app := withSecret(t)
			defer app.Cleanup()
			if d := send(t, webtest.Server(t, app).URL, p.promoter, npsSecret); d.Status != http.StatusCreated {
				t.Errorf("answered %+v, want 201", d)
			}
			expectWritten(1, 1, 1)(t, app, nil)
		})
	}
}

// askNicelyRevision is AskNicely's promoter example re-sent as count n with
// another score and comment.
func askNicelyRevision(t testing.TB, count int, score, comment string) []byte {
	body := string(fixture(t, "asknicely_promoter.json"))
	body = strings.Replace(body, `"count": 1`, `"count": `+strconv.Itoa(count), 1)
	body = strings.Replace(body, `"score": "10"`, `"score": "`+score+`"`, 1)
	return []byte(strings.Replace(body, "Onboarding took a week and support is superb.", comment, 1))
}

func TestAskNicelyResendingAnAnswerUpdatesItsOneMomentWithoutDecidingAgain(t *testing.T) {
	app := withProviderKeys(t)
	defer app.Cleanup()
	url := webtest.Server(t, app).URL + "/hooks/nps/asknicely?token=" + providerKeys["asknicely_secret"]
	first := deliver(t, url, "application/json", askNicelyRevision(t, 1, "10", "Great onboarding."), nil)
	if first.Status != http.StatusCreated || first.Decision != "asked" {
		t.Fatalf("first delivery answered %+v, want 201 asked", first)
	}
	changed := deliver(t, url, "application/json", askNicelyRevision(t, 2, "6", "Great onboarding, slow invoices."), nil)
	if changed.Status != http.StatusOK || !changed.Duplicate || !changed.Updated || changed.ID != first.ID {
		t.Errorf("count 2 answered %+v, want 200, a duplicate of %s, updated", changed, first.ID)
	}
	late := deliver(t, url, "application/json", askNicelyRevision(t, 1, "10", "Great onboarding."), nil)
	if late.Status != http.StatusOK || !late.Duplicate || late.Updated {
		t.Errorf("count 1 arriving late answered %+v, want 200, a duplicate, not updated", late)
	}
	expectWritten(1, 1, 1)(t, app, nil)
	m, err := app.FindRecordById("moments", first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m.GetInt("score") != 6 || m.GetString("comment") != "Great onboarding, slow invoices." || m.GetInt("revision") != 2 {
		t.Errorf("moment holds score %d, comment %q, revision %d; want count 2's score 6 and comment, revision 2",
			m.GetInt("score"), m.GetString("comment"), m.GetInt("revision"))
	}
	if m.GetString("decision") != "asked" {
		t.Errorf("decision is %q; the first delivery's decision (asked) must stand", m.GetString("decision"))
	}
}

func TestDelightedUpdatedEventStoresTheCommentOnTheCreatedMoment(t *testing.T) {
	app := withSecret(t)
	defer app.Cleanup()
	url := webtest.Server(t, app).URL + "/hooks/nps/delighted?token=" + npsSecret
	created := strings.Replace(string(fixture(t, "delighted_promoter.json")), `"comment": "Onboarding took a week and support is superb."`, `"comment": null`, 1)
	updated := strings.Replace(strings.Replace(string(fixture(t, "delighted_promoter.json")), "survey_response.created", "survey_response.updated", 1),
		`"updated_at": 1794300000`, `"updated_at": 1794300600`, 1)
	first := deliver(t, url, "application/json", []byte(created), nil)
	second := deliver(t, url, "application/json", []byte(updated), nil)
	if first.Status != http.StatusCreated || second.Status != http.StatusOK || !second.Updated {
		t.Fatalf("created answered %+v, updated %+v; want 201, then 200 updated", first, second)
	}
	m, err := app.FindRecordById("moments", first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m.GetString("comment") != "Onboarding took a week and support is superb." {
		t.Errorf("comment %q, want the one survey_response.updated carried", m.GetString("comment"))
	}
	expectWritten(1, 1, 1)(t, app, nil)
}

// warmloopSignature is X-Warmloop-Signature's timestamped form for body at t.
func warmloopSignature(t time.Time, body string) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + hexMAC(sha256.New, npsSecret, []byte(ts+"."+body))
}

func TestTimestampedWarmloopSignature(t *testing.T) {
	body := generic("10")
	scenarios := []tests.ApiScenario{
		{
			Name: "a body signed just now is accepted", Method: http.MethodPost, URL: "/hooks/nps/generic",
			Body: strings.NewReader(body), Headers: map[string]string{"X-Warmloop-Signature": warmloopSignature(time.Now(), body)},
			ExpectedStatus: http.StatusCreated, ExpectedContent: []string{`"decision":"asked"`},
			TestAppFactory: withSecret, AfterTestFunc: expectWritten(1, 1, 1),
		},
		{
			Name: "a body signed 10 minutes ago is refused as a replay, nothing written", Method: http.MethodPost, URL: "/hooks/nps/generic",
			Body: strings.NewReader(body), Headers: map[string]string{"X-Warmloop-Signature": warmloopSignature(time.Now().Add(-10*time.Minute), body)},
			ExpectedStatus: http.StatusUnauthorized, ExpectedContent: []string{"more than 5 minutes"},
			TestAppFactory: withSecret, AfterTestFunc: expectWritten(0, 0, 0),
		},
		{
			Name: "a timestamped signature of another body is refused", Method: http.MethodPost, URL: "/hooks/nps/generic",
			Body: strings.NewReader(body), Headers: map[string]string{"X-Warmloop-Signature": warmloopSignature(time.Now(), generic("9"))},
			ExpectedStatus: http.StatusUnauthorized, ExpectedContent: []string{"missing or wrong secret"},
			TestAppFactory: withSecret, AfterTestFunc: expectWritten(0, 0, 0),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestProviderDeliveriesThatAreNotAnswersAreIgnoredWithA200(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name: "a Survicate answer to another question", Method: http.MethodPost, URL: "/hooks/nps/survicate?token=" + npsSecret,
			Body:           strings.NewReader(`{"event":{"questionAnswered":{"responseUuid":"u","respondent":{"attributes":{"email":"a@b.example"}},"choice":{"id":201139,"body":"Great"}}}}`),
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"ignored":true`},
			TestAppFactory: withSecret, AfterTestFunc: expectWritten(0, 0, 0),
		},
		{
			Name: "a Wootric decline", Method: http.MethodPost, URL: "/hooks/nps/wootric?token=" + npsSecret,
			Body: strings.NewReader(`decline[id]=19&decline[email]=a%40b.example&event_name=created`), Headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded"},
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"ignored":true`},
			TestAppFactory: withSecret, AfterTestFunc: expectWritten(0, 0, 0),
		},
		{
			Name: "an AskNicely answer without an email is a 400 naming person.email", Method: http.MethodPost, URL: "/hooks/nps/asknicely?token=" + npsSecret,
			Body:           strings.NewReader(`{"count":1,"person":{"name":"Ana"},"question":{"id":"1","score":"10"}}`),
			ExpectedStatus: http.StatusBadRequest, ExpectedContent: []string{`"field":"person.email"`},
			TestAppFactory: withSecret, AfterTestFunc: expectWritten(0, 0, 0),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
