package signature_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"testing"

	"warmloop/internal/signature"
)

func TestAuthorized(t *testing.T) {
	body := []byte(`{"email":"a@b.example"}`)
	mac := hmac.New(sha256.New, []byte("s3cret"))
	mac.Write(body)
	sum := mac.Sum(nil)
	cases := []struct {
		name   string
		secret string
		c      signature.Credentials
		want   bool
	}{
		{"bearer token", "s3cret", signature.Credentials{Authorization: "Bearer s3cret"}, true},
		{"wrong bearer", "s3cret", signature.Credentials{Authorization: "Bearer s3cre"}, false},
		{"query token", "s3cret", signature.Credentials{Token: "s3cret"}, true},
		{"hex HMAC of the body", "s3cret", signature.Credentials{Signature: "sha256=" + hex.EncodeToString(sum)}, true},
		{"HMAC with another key", "other", signature.Credentials{Signature: "sha256=" + hex.EncodeToString(sum)}, false},
		{"Typeform's base64 HMAC", "s3cret", signature.Credentials{Typeform: "sha256=" + base64.StdEncoding.EncodeToString(sum)}, true},
		{"nothing offered", "s3cret", signature.Credentials{}, false},
		{"no secret configured accepts nothing", "", signature.Credentials{Authorization: "Bearer ", Token: ""}, false},
	}
	for _, c := range cases {
		if got := signature.Authorized(c.secret, c.c, body); got != c.want {
			t.Errorf("%s: authorized = %v, want %v", c.name, got, c.want)
		}
	}
}
