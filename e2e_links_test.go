package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/mail"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/hooks"
	"warmloop/tests/smtptest"
)

// e2eLink is a link in an email's text or HTML.
var e2eLink = regexp.MustCompile(`https?://[^\s"<>]+`)

// TestEndToEndAnAskFromAServerWithoutAnApplicationURLLinksWhereItListens
// starts the real binary on a port of its own with no Application URL set
// and no admin visit, sends an NPS promoter with the secret the install
// made, and follows every link of the ask email that arrives: each points
// at the address the server listens on and answers 200.
func TestEndToEndAnAskFromAServerWithoutAnApplicationURLLinksWhereItListens(t *testing.T) {
	bin := buildBinary(t)
	sink := smtptest.Start(t)
	dir, secret := e2eDataDirSendingTo(t, sink)

	port := freePort(t)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	var logs syncBuffer
	serve := exec.Command(bin, "serve", "--dir", dir, "--http", fmt.Sprintf("127.0.0.1:%d", port))
	serve.Stdout, serve.Stderr = &logs, &logs
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = serve.Process.Signal(syscall.SIGTERM)
		_ = serve.Wait()
	}()
	e2eWaitHealthy(t, base, &logs)

	req, _ := http.NewRequest(http.MethodPost, base+"/hooks/nps/generic",
		strings.NewReader(`{"email":"ana@northwind.example","name":"Ana Lima","score":10,"id":"resp-1"}`))
	req.Header.Set("Authorization", "Bearer "+secret)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("the NPS webhook with the made secret answered %s\n%s", res.Status, logs.String())
	}

	deadline := time.Now().Add(30 * time.Second)
	for len(sink.Messages()) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no ask email within 30s\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(sink.Messages()[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	text, html := smtptest.Parts(t, msg)
	links := append(e2eLink.FindAllString(text+" "+html, -1), strings.Trim(msg.Header.Get("List-Unsubscribe"), "<>"))
	if len(links) < 3 {
		t.Fatalf("the ask email has %d links: %v", len(links), links)
	}
	for _, link := range links {
		if !strings.HasPrefix(link, base+"/") {
			t.Errorf("link %s does not point at %s, where the server listens", link, base)
			continue
		}
		res, err := http.Get(link)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s answered %s", link, res.Status)
		}
	}
}

// e2eDataDirSendingTo makes a fresh data directory whose SMTP server is
// sink, and returns it with the NPS secret the install made.
func e2eDataDirSendingTo(t *testing.T, sink *smtptest.Server) (dir, secret string) {
	t.Helper()
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	hooks.Register(app)
	settings, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	settings.Set("smtp_host", sink.Host) // the settings hook writes PocketBase's mail settings
	settings.Set("smtp_port", sink.Port)
	if err := app.Save(settings); err != nil {
		t.Fatal(err)
	}
	secret, dir = settings.GetString("nps_secret"), app.DataDir()
	if err := app.ResetBootstrapState(); err != nil {
		t.Fatal(err)
	}
	return dir, secret
}

// e2eWaitHealthy waits until the server at base answers its health check.
func e2eWaitHealthy(t *testing.T, base string, logs *syncBuffer) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		res, err := http.Get(base + "/api/health")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no healthy answer within 20s:\n%s", logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}
