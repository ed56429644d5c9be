package intake_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"testing"

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
