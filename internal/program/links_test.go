package program_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/program"
	"warmloop/tests/schemaapp"
)

// setLinkSources sets the sources BaseURL reads: the app_url and seen_url
// settings and PocketBase's Application URL ("" leaves it as it is).
func setLinkSources(t *testing.T, app core.App, appURL, seenURL, pbURL string) {
	t.Helper()
	r, err := program.Record(app)
	if err != nil {
		t.Fatal(err)
	}
	r.Set("app_url", appURL)
	r.Set("seen_url", seenURL)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	program.Forget(app)
	if pbURL != "" {
		app.Settings().Meta.AppURL = pbURL
	}
}

func TestBaseURLTakesTheFirstAddressKnownInOrder(t *testing.T) {
	serving := &program.Listener{Addr: "127.0.0.1:9102"}
	cases := []struct {
		name                   string
		appURL, seenURL, pbURL string
		listen                 *program.Listener
		want                   string
	}{
		{"the Application URL setting comes first", "https://refer.acme.example", "http://10.0.0.5:9102", "https://pb.acme.example", serving,
			"https://refer.acme.example"},
		{"then PocketBase's Application URL once someone changed it", "", "http://10.0.0.5:9102", "https://pb.acme.example/", serving,
			"https://pb.acme.example"},
		{"then where an admin last reached the dashboard", "", "http://10.0.0.5:9102", program.DefaultAppURL, serving,
			"http://10.0.0.5:9102"},
		{"then the address the server listens on", "", "", program.DefaultAppURL, serving, "http://127.0.0.1:9102"},
		{"a wildcard listen address is opened on 127.0.0.1 with the real port", "", "", program.DefaultAppURL,
			&program.Listener{Addr: "0.0.0.0:9102"}, "http://127.0.0.1:9102"},
		{"an IPv6 wildcard too", "", "", program.DefaultAppURL, &program.Listener{Addr: "[::]:9102"}, "http://127.0.0.1:9102"},
		{"a domain served with TLS is the address", "", "", program.DefaultAppURL,
			&program.Listener{Addr: "0.0.0.0:443", TLS: true, Domains: []string{"refer.acme.example"}}, "https://refer.acme.example"},
		{"a loopback address seen on another port is from another run, not used", "", "http://127.0.0.1:8090", program.DefaultAppURL, serving,
			"http://127.0.0.1:9102"},
		{"a loopback address seen on the listening port is used", "", "http://localhost:9102", program.DefaultAppURL, serving,
			"http://localhost:9102"},
		{"a name seen through a proxy is used whatever the port", "", "https://refer.acme.example", program.DefaultAppURL, serving,
			"https://refer.acme.example"},
		{"outside a server with nothing known, PocketBase's default", "", "", program.DefaultAppURL, nil, program.DefaultAppURL},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := schemaapp.New(t)
			setLinkSources(t, app, c.appURL, c.seenURL, c.pbURL)
			if c.listen != nil {
				program.Listening(app, *c.listen)
			}
			if got := program.BaseURL(app); got != c.want {
				t.Errorf("BaseURL = %q, want %q", got, c.want)
			}
		})
	}
}

func TestAdminSeenURLKeepsOnlyASchemeAndAPlainHost(t *testing.T) {
	cases := []struct {
		tls         bool
		host, proto string
		want        string
	}{
		{false, "127.0.0.1:9102", "", "http://127.0.0.1:9102"},
		{true, "Refer.Acme.example", "", "https://refer.acme.example"},
		{false, "refer.acme.example", "https", "https://refer.acme.example"},
		{false, "[::1]:8090", "", "http://[::1]:8090"},
		{false, "", "", ""},
		{false, "evil.example/path", "", ""},
		{false, "user@evil.example", "", ""},
		{false, "evil.example?x=1", "", ""},
	}
	for _, c := range cases {
		if got := program.AdminSeenURL(c.tls, c.host, c.proto); got != c.want {
			t.Errorf("AdminSeenURL(%v, %q, %q) = %q, want %q", c.tls, c.host, c.proto, got, c.want)
		}
	}
}

func TestRememberAdminURLWritesOnlyAChange(t *testing.T) {
	app := schemaapp.New(t)
	if err := program.RememberAdminURL(app, "http://10.0.0.5:8090"); err != nil {
		t.Fatal(err)
	}
	s, _ := program.Load(app)
	if s.SeenURL != "http://10.0.0.5:8090" {
		t.Fatalf("seen_url after the first visit: %q", s.SeenURL)
	}
	r, _ := program.Record(app)
	updated := r.GetDateTime("updated")
	if err := program.RememberAdminURL(app, ""); err != nil {
		t.Fatal(err)
	}
	if s, _ = program.Load(app); s.SeenURL != "http://10.0.0.5:8090" {
		t.Errorf("an empty address replaced the one seen: %q", s.SeenURL)
	}
	if r, _ = program.Record(app); r.GetDateTime("updated") != updated {
		t.Error("remembering the address touched the record's update time")
	}
}

func TestNeedsAppURLWhileItIsUnsetOrOnlyOnThisMachine(t *testing.T) {
	for url, want := range map[string]bool{
		"": true, "http://localhost:8090": true, "http://127.0.0.1:9102": true, "http://[::1]:80": true,
		"http://app.localhost": true, "http://0.0.0.0:8090": true,
		"https://refer.acme.example": false, "http://192.168.1.20:8090": false,
	} {
		if got := program.NeedsAppURL(program.Settings{AppURL: url}); got != want {
			t.Errorf("NeedsAppURL(%q) = %v, want %v", url, got, want)
		}
	}
}
