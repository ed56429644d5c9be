package intake_test

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"hash"
	"strconv"
	"strings"
	"testing"
	"time"

	"warmloop/internal/intake"
)

func TestAuthorized(t *testing.T) {
	body := []byte(`{"email":"a@b.example"}`)
	mac := hmac.New(sha256.New, []byte("s3cret"))
	mac.Write(body)
	sum := mac.Sum(nil)
	cases := []struct {
		name   string
		secret string
		c      intake.Credentials
		want   bool
	}{
		{"bearer token", "s3cret", intake.Credentials{Authorization: "Bearer s3cret"}, true},
		{"wrong bearer", "s3cret", intake.Credentials{Authorization: "Bearer s3cre"}, false},
		{"query token", "s3cret", intake.Credentials{Token: "s3cret"}, true},
		{"hex HMAC of the body", "s3cret", intake.Credentials{Signature: "sha256=" + hex.EncodeToString(sum)}, true},
		{"HMAC with another key", "other", intake.Credentials{Signature: "sha256=" + hex.EncodeToString(sum)}, false},
		{"Typeform's base64 HMAC", "s3cret", intake.Credentials{Typeform: "sha256=" + base64.StdEncoding.EncodeToString(sum)}, true},
		{"nothing offered", "s3cret", intake.Credentials{}, false},
		{"no secret configured accepts nothing", "", intake.Credentials{Authorization: "Bearer ", Token: ""}, false},
	}
	for _, c := range cases {
		if got := intake.Authorized(c.secret, c.c, body); got != c.want {
			t.Errorf("%s: authorized = %v, want %v", c.name, got, c.want)
		}
	}
}

// timestamped is X-Warmloop-Signature's timestamped form for body at t.
func timestamped(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts + "."))
	mac.Write(body)
	return "t=" + ts + ",v1=" + hex.EncodeToString(mac.Sum(nil))
}

func TestVerifyAcceptsEachToolsOwnSignatureAndRefusesStaleTimestamps(t *testing.T) {
	body := []byte(`{"email":"a@b.example"}`)
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	mac := func(h func() hash.Hash, key string) string {
		m := hmac.New(h, []byte(key))
		m.Write(body)
		return hex.EncodeToString(m.Sum(nil))
	}
	cases := []struct {
		name  string
		c     intake.Credentials
		ok    bool
		stale bool
	}{
		{"timestamped Warmloop signature, just sent", intake.Credentials{Signature: timestamped("s3cret", now.Add(-10*time.Second), body)}, true, false},
		{"timestamped, 4 minutes old", intake.Credentials{Signature: timestamped("s3cret", now.Add(-4*time.Minute), body)}, true, false},
		{"timestamped, 6 minutes old, is a replay", intake.Credentials{Signature: timestamped("s3cret", now.Add(-6*time.Minute), body)}, false, true},
		{"timestamped, 6 minutes ahead", intake.Credentials{Signature: timestamped("s3cret", now.Add(6*time.Minute), body)}, false, true},
		{"timestamped with another key", intake.Credentials{Signature: timestamped("other", now, body)}, false, false},
		{"timestamp changed after signing", intake.Credentials{Signature: "t=" + strconv.FormatInt(now.Unix(), 10) + "," +
			strings.SplitN(timestamped("s3cret", now.Add(-time.Hour), body), ",", 2)[1]}, false, false},
		{"timestamped without v1", intake.Credentials{Signature: "t=" + strconv.FormatInt(now.Unix(), 10)}, false, false},
		{"the old untimestamped form keeps working", intake.Credentials{Signature: "sha256=" + mac(sha256.New, "s3cret")}, true, false},
		{"Delighted's signature", intake.Credentials{Delighted: "sha256=" + mac(sha256.New, "s3cret")}, true, false},
		{"Delighted's signature with another key", intake.Credentials{Delighted: "sha256=" + mac(sha256.New, "other")}, false, false},
		{"Survicate's Hmac header", intake.Credentials{Survicate: mac(sha256.New, "s3cret")}, true, false},
		{"Survicate's Hmac in upper case", intake.Credentials{Survicate: strings.ToUpper(mac(sha256.New, "s3cret"))}, true, false},
		{"Survicate's Hmac with another key", intake.Credentials{Survicate: mac(sha256.New, "other")}, false, false},
		{"Wootric's SHA-1 signature", intake.Credentials{Wootric: "sha1=" + mac(sha1.New, "s3cret")}, true, false},
		{"Wootric's header carrying SHA-256", intake.Credentials{Wootric: "sha1=" + mac(sha256.New, "s3cret")}, false, false},
		{"an empty Survicate header", intake.Credentials{Survicate: " "}, false, false},
	}
	for _, c := range cases {
		err := intake.Verify("s3cret", c.c, body, now)
		if (err == nil) != c.ok || errors.Is(err, intake.ErrStale) != c.stale {
			t.Errorf("%s: error %v, want accepted %v, stale %v", c.name, err, c.ok, c.stale)
		}
	}
}
