package webhooks_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// The keys each system of record signs with in these tests.
const (
	zendeskKey = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ=="
	hubspotKey = "5f3c1d2e-9a8b-4c7d-8e6f-0a1b2c3d4e5f"
	stripeKey  = "whsec_warmloop_test_signing_key"
	crmKey     = "crm-shared-secret-for-tests"
)

// withKeys sets every system of record's key and the stage map on app.
func withKeys(t testing.TB, app *tests.TestApp) {
	t.Helper()
	s, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	s.Set("zendesk_secret", zendeskKey)
	s.Set("hubspot_secret", hubspotKey)
	s.Set("stripe_secret", stripeKey)
	s.Set("crm_secret", crmKey)
	s.Set("crm_stages", "qualifiedtobuy = qualified\nclosedwon = won\nClosed Won = won\nclosedlost = lost")
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
}

// keyedServer is a fresh program with the keys set, served over loopback.
func keyedServer(t *testing.T) (*tests.TestApp, string) {
	t.Helper()
	app := testapp.New(t)
	withKeys(t, app)
	return app, webtest.Server(t, app).URL
}

// hmacOf is the HMAC-SHA256 of the parts keyed with key.
func hmacOf(key string, parts ...string) []byte {
	m := hmac.New(sha256.New, []byte(key))
	for _, p := range parts {
		m.Write([]byte(p))
	}
	return m.Sum(nil)
}

// signer adds a provider's signature headers to a request whose body and
// full URL are given, signed as of at.
type signer func(req *http.Request, url, body string, at time.Time)

func zendeskSigned(req *http.Request, _, body string, at time.Time) {
	ts := at.UTC().Format(time.RFC3339)
	req.Header.Set("X-Zendesk-Webhook-Signature-Timestamp", ts)
	req.Header.Set("X-Zendesk-Webhook-Signature", base64.StdEncoding.EncodeToString(hmacOf(zendeskKey, ts, body)))
}

func hubspotSigned(req *http.Request, url, body string, at time.Time) {
	ts := strconv.FormatInt(at.UnixMilli(), 10)
	req.Header.Set("X-HubSpot-Request-Timestamp", ts)
	req.Header.Set("X-HubSpot-Signature-v3", base64.StdEncoding.EncodeToString(hmacOf(hubspotKey, http.MethodPost, url, body, ts)))
}

func stripeSigned(req *http.Request, _, body string, at time.Time) {
	ts := strconv.FormatInt(at.Unix(), 10)
	req.Header.Set("Stripe-Signature", "t="+ts+",v1="+hex.EncodeToString(hmacOf(stripeKey, ts, ".", body)))
}

// wrongKey signs as sign would, with a key that is not the program's.
func wrongKey(req *http.Request, _, body string, at time.Time) {
	ts := strconv.FormatInt(at.Unix(), 10)
	req.Header.Set("Stripe-Signature", "t="+ts+",v1="+hex.EncodeToString(hmacOf("whsec_someone_else", ts, ".", body)))
	req.Header.Set("X-Zendesk-Webhook-Signature-Timestamp", at.UTC().Format(time.RFC3339))
	req.Header.Set("X-Zendesk-Webhook-Signature", base64.StdEncoding.EncodeToString(hmacOf("someone else", at.UTC().Format(time.RFC3339), body)))
	req.Header.Set("X-HubSpot-Request-Timestamp", strconv.FormatInt(at.UnixMilli(), 10))
	req.Header.Set("X-HubSpot-Signature-v3", base64.StdEncoding.EncodeToString(hmacOf("someone else", body)))
}

// deliverSigned posts body to url, signed by sign as of at, and returns the
// status and the answer.
func deliverSigned(t *testing.T, url, body string, sign signer, at time.Time) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	sign(req, url, body, at)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	answer, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(answer)
}

// providerFixture reads a body from the intake package's provider fixtures.
func providerFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../../internal/intake/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// written counts the rows of each table, moments first, then asks.
func written(t *testing.T, app *tests.TestApp) (moments, asks int) {
	t.Helper()
	return rows(t, app, "moments"), rows(t, app, "asks")
}

// momentCase is one delivery to a system of record's webhook and what it
// must leave behind.
type momentCase struct {
	name, path, body string
	sign             signer
	age              time.Duration
	status           int
	answer           string
	moments, asks    int
}

// runMomentCases delivers each case to a fresh program and checks the
// answer and what was written.
func runMomentCases(t *testing.T, cases []momentCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app, base := keyedServer(t)
			status, answer := deliverSigned(t, base+c.path, c.body, c.sign, time.Now().Add(-c.age))
			if status != c.status || !strings.Contains(answer, c.answer) {
				t.Errorf("answered %d %s; want %d with %s", status, answer, c.status, c.answer)
			}
			if m, a := written(t, app); m != c.moments || a != c.asks {
				t.Errorf("%d moments and %d asks written, want %d and %d", m, a, c.moments, c.asks)
			}
		})
	}
}

// expectOneOfRepeated delivers body three times and expects one moment and
// one ask, the repeats recognised as duplicates.
func expectOneOfRepeated(t *testing.T, path, body string, sign signer) {
	t.Helper()
	app, base := keyedServer(t)
	for i, want := range []int{http.StatusCreated, http.StatusOK, http.StatusOK} {
		status, answer := deliverSigned(t, base+path, body, sign, time.Now())
		if status != want || (i > 0) != strings.Contains(answer, `"duplicate":true`) {
			t.Errorf("delivery %d answered %d %s, want %d", i+1, status, answer, want)
		}
	}
	if m, a := written(t, app); m != 1 || a != 1 {
		t.Errorf("%d moments and %d asks after three deliveries of one event, want one of each", m, a)
	}
}

func TestZendeskWebhook(t *testing.T) {
	good, bad := providerFixture(t, "zendesk_good.json"), providerFixture(t, "zendesk_bad.json")
	runMomentCases(t, []momentCase{
		{"a ticket rated good is a support win that asks", "/hooks/moments/zendesk", good, zendeskSigned, 0,
			http.StatusCreated, `"decision":"asked"`, 1, 1},
		{"a ticket rated bad is ignored with a 200", "/hooks/moments/zendesk", bad, zendeskSigned, 0,
			http.StatusOK, `"ignored":true`, 0, 0},
		{"a signature by another key is refused, nothing written", "/hooks/moments/zendesk", good, wrongKey, 0,
			http.StatusUnauthorized, `X-Zendesk-Webhook-Signature`, 0, 0},
		{"a timestamp ten minutes old is refused, nothing written", "/hooks/moments/zendesk", good, zendeskSigned, 10 * time.Minute,
			http.StatusUnauthorized, `stale`, 0, 0},
		{"a rating without an email is a 400 naming email", "/hooks/moments/zendesk", `{"ticket_id":"9","rating":"Good"}`, zendeskSigned, 0,
			http.StatusBadRequest, `"field":"email"`, 0, 0},
	})
	t.Run("a redelivered rating is one moment", func(t *testing.T) {
		expectOneOfRepeated(t, "/hooks/moments/zendesk", good, zendeskSigned)
	})
}

func TestHubSpotMomentWebhook(t *testing.T) {
	deal := providerFixture(t, "hubspot_deal_custom.json")
	runMomentCases(t, []momentCase{
		{"a renewal deal closed won is a renewal that asks", "/hooks/moments/hubspot?kind=renewal", deal, hubspotSigned, 0,
			http.StatusCreated, `"kind":"renewal"`, 1, 1},
		{"a first-outcome deal is a first outcome that asks", "/hooks/moments/hubspot?kind=first_outcome", deal, hubspotSigned, 0,
			http.StatusCreated, `"kind":"first_outcome"`, 1, 1},
		{"a kind that is not one is a 400 naming kind", "/hooks/moments/hubspot?kind=nps", deal, hubspotSigned, 0,
			http.StatusBadRequest, `"field":"kind"`, 0, 0},
		{"a request six minutes old is refused, nothing written", "/hooks/moments/hubspot?kind=renewal", deal, hubspotSigned, 6 * time.Minute,
			http.StatusUnauthorized, `X-HubSpot-Request-Timestamp`, 0, 0},
		{"a signature by another key is refused, nothing written", "/hooks/moments/hubspot?kind=renewal", deal, wrongKey, 0,
			http.StatusUnauthorized, `X-HubSpot-Signature-v3`, 0, 0},
		{"a deal without the contact's email is a 400 naming email", "/hooks/moments/hubspot",
			`{"hs_object_id":"5","dealstage":"closedwon","amount":"100"}`, hubspotSigned, 0, http.StatusBadRequest, `"field":"email"`, 0, 0},
	})
	t.Run("a redelivered deal is one moment", func(t *testing.T) {
		expectOneOfRepeated(t, "/hooks/moments/hubspot?kind=renewal", deal, hubspotSigned)
	})
	t.Run("a second renewal within the cooldown is recorded and does not ask", func(t *testing.T) {
		app, base := keyedServer(t)
		deliverSigned(t, base+"/hooks/moments/hubspot?kind=renewal", deal, hubspotSigned, time.Now())
		next := strings.Replace(deal, "9876543210", "9876543299", 1)
		status, answer := deliverSigned(t, base+"/hooks/moments/hubspot?kind=renewal", next, hubspotSigned, time.Now())
		if status != http.StatusCreated || strings.Contains(answer, `"decision":"asked"`) {
			t.Errorf("the second renewal answered %d %s; want it recorded without an ask", status, answer)
		}
		if m, a := written(t, app); m != 2 || a != 1 {
			t.Errorf("%d moments and %d asks, want 2 and 1", m, a)
		}
	})
}

func TestStripeWebhook(t *testing.T) {
	cycle, first := providerFixture(t, "stripe_invoice_paid_cycle.json"), providerFixture(t, "stripe_invoice_paid_create.json")
	runMomentCases(t, []momentCase{
		{"a subscription's renewal invoice paid is a renewal that asks", "/hooks/moments/stripe", cycle, stripeSigned, 0,
			http.StatusCreated, `"decision":"asked"`, 1, 1},
		{"a subscription's first invoice is ignored with a 200", "/hooks/moments/stripe", first, stripeSigned, 0,
			http.StatusOK, `"ignored":true`, 0, 0},
		{"another event type is ignored with a 200", "/hooks/moments/stripe", `{"id":"evt_9","type":"customer.updated","data":{"object":{}}}`, stripeSigned, 0,
			http.StatusOK, `"ignored":true`, 0, 0},
		{"a signature past the tolerance is refused, nothing written", "/hooks/moments/stripe", cycle, stripeSigned, 6 * time.Minute,
			http.StatusUnauthorized, `Stripe-Signature`, 0, 0},
		{"a signature by another key is refused, nothing written", "/hooks/moments/stripe", cycle, wrongKey, 0,
			http.StatusUnauthorized, `Stripe-Signature`, 0, 0},
		{"a renewal without an email is a 400 naming it", "/hooks/moments/stripe",
			`{"id":"evt_8","type":"invoice.paid","data":{"object":{"id":"in_8","billing_reason":"subscription_cycle"}}}`, stripeSigned, 0,
			http.StatusBadRequest, `"field":"data.object.customer_email"`, 0, 0},
		{"a body that is no event is a 400 naming type", "/hooks/moments/stripe", `{"hello":"world"}`, stripeSigned, 0,
			http.StatusBadRequest, `"field":"type"`, 0, 0},
	})
	t.Run("a redelivered invoice is one moment", func(t *testing.T) {
		expectOneOfRepeated(t, "/hooks/moments/stripe", cycle, stripeSigned)
	})
}

func TestMomentWebhooksAreRefusedUntilTheirKeyIsSet(t *testing.T) {
	app := testapp.New(t)
	base := webtest.Server(t, app).URL
	for path, body := range map[string]string{
		"/hooks/moments/zendesk": providerFixture(t, "zendesk_good.json"),
		"/hooks/moments/hubspot": providerFixture(t, "hubspot_deal_custom.json"),
		"/hooks/moments/stripe":  providerFixture(t, "stripe_invoice_paid_cycle.json"),
	} {
		status, answer := deliverSigned(t, base+path, body, wrongKey, time.Now())
		if status != http.StatusUnauthorized || !strings.Contains(answer, "_secret is set") {
			t.Errorf("%s without a key answered %d %s; want a 401 saying which key to set", path, status, answer)
		}
	}
	if m, a := written(t, app); m != 0 || a != 0 {
		t.Errorf("%d moments and %d asks written, want none", m, a)
	}
}
