package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The end-to-end tests build the real binary with CGO_ENABLED=0 and drive it
// as an operator would. They are slower than the rest (a build), and named so.

var (
	binDir    string
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "warmloop-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// buildBinary builds the binary once per test run, as CGO_ENABLED=0.
func buildBinary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end: skipped with -short")
	}
	buildOnce.Do(func() {
		binPath = filepath.Join(binDir, "warmloop")
		cmd := exec.Command("go", "build", "-o", binPath, ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("build failed: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

func run(t *testing.T, bin string, args ...string) (string, int) {
	t.Helper()
	out, err := exec.Command(bin, args...).CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return string(out), 0
	case errors.As(err, &exit):
		return string(out), exit.ExitCode()
	default:
		t.Fatalf("running %v: %v", args, err)
		return "", -1
	}
}

// syncBuffer collects a child process's output while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func TestEndToEndCommandsExitCodes(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	good := filepath.Join(t.TempDir(), "good.csv")
	bad := filepath.Join(t.TempDir(), "bad.csv")
	_ = os.WriteFile(good, []byte("email,kind,score,external_id\nana@northwind.example,nps,10,r-1\n"), 0o600)
	_ = os.WriteFile(bad, []byte("email,kind,score,external_id\nben@bluepeak.example,nps,10,r-2\nnope,nps,10,r-3\n"), 0o600)
	people := filepath.Join(t.TempDir(), "people.csv")
	_ = os.WriteFile(people, []byte("email,name,company\nnew@fresh.example,Nia New,Fresh\nnot-an-email,Bo,\n"), 0o600)
	cases := []struct {
		name     string
		args     []string
		exitZero bool
		output   string
	}{
		{"superuser upsert succeeds", []string{"superuser", "upsert", "ops@warmloop.test", "a-long-password-1", "--dir", dir}, true, "Successfully saved superuser"},
		{"superuser upsert with a bad email fails", []string{"superuser", "upsert", "not-an-email", "a-long-password-1", "--dir", dir}, false, "email"},
		{"unknown command fails", []string{"no-such-command", "--dir", dir}, false, "unknown command"},
		{"unknown flag fails", []string{"demo", "--no-such-flag", "--dir", dir}, false, "unknown flag"},
		{"demo seeds the program", []string{"demo", "--dir", dir}, true, "demo program seeded: 100 customers"},
		{"demo run again adds nothing", []string{"demo", "--dir", dir}, true, "already present"},
		{"import of a clean CSV succeeds", []string{"import", "moments", good, "--dir", dir}, true, "1 created, 0 duplicates skipped, 0 rejected"},
		{"import with a rejected line exits non-zero", []string{"import", "moments", bad, "--dir", dir}, false, "line 3: email"},
		{"import of customers creates the good lines and names the rejected one", []string{"import", "customers", people, "--dir", dir}, false, "1 created, 0 duplicates skipped, 1 rejected\n  line 3: email"},
		{"cadence run reports its pass", []string{"cadence", "run", "--dir", dir}, true, "cadence pass: "},
		{"stats prints the yield and the viral loop", []string{"stats", "--dir", dir}, true, "came by referral     4, of whom 1 referred"},
		{"stats with a bad range fails", []string{"stats", "--days", "0", "--dir", dir}, false, "--days must be at least 1"},
		{"import of a missing file fails", []string{"import", "moments", filepath.Join(dir, "none.csv"), "--dir", dir}, false, "no such file"},
		{"privacy export prints what is stored about a person", []string{"privacy", "export", "ana@northwind.example", "--dir", dir}, true, `"email": "ana@northwind.example"`},
		{"privacy erase of an unknown email fails", []string{"privacy", "erase", "nobody@nowhere.example", "--dir", dir}, false, "nothing is stored"},
		{"privacy erase erases a person", []string{"privacy", "erase", "ana@northwind.example", "--dir", dir}, true, "Erased ana@northwind.example from a customer record"},
		{"privacy export of an erased person fails", []string{"privacy", "export", "ana@northwind.example", "--dir", dir}, false, "nothing is stored"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, code := run(t, bin, c.args...)
			if (code == 0) != c.exitZero {
				t.Errorf("exit code %d, want zero = %v\n%s", code, c.exitZero, out)
			}
			if !strings.Contains(out, c.output) {
				t.Errorf("output lacks %q:\n%s", c.output, out)
			}
		})
	}
}

func TestEndToEndServeAnswersHealthAndGuardsTheAPI(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	if out, code := run(t, bin, "superuser", "upsert", "ops@warmloop.test", "a-long-password-1", "--dir", dir); code != 0 {
		t.Fatalf("superuser upsert: %s", out)
	}
	port := freePort(t)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	var logs syncBuffer
	serve := exec.Command(bin, "serve", "--demo", "--dir", dir, "--http", fmt.Sprintf("127.0.0.1:%d", port))
	serve.Stdout, serve.Stderr = &logs, &logs
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = serve.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- serve.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve did not stop cleanly on SIGTERM: %v\n%s", err, logs.String())
			}
		case <-time.After(10 * time.Second):
			_ = serve.Process.Kill()
			t.Error("serve did not stop within 10s of SIGTERM")
		}
	}()

	deadline := time.Now().Add(20 * time.Second)
	for {
		res, err := http.Get(base + "/api/health")
		if err == nil && res.StatusCode == http.StatusOK {
			res.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no healthy answer within 20s:\n%s", logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if strings.Contains(logs.String(), "password:") {
		t.Error("a superuser existed, yet serve --demo made and printed another")
	}

	body, _ := json.Marshal(map[string]string{"identity": "ops@warmloop.test", "password": "a-long-password-1"})
	res, err := http.Post(base+"/api/collections/_superusers/auth-with-password", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var auth struct{ Token string }
	_ = json.NewDecoder(res.Body).Decode(&auth)
	res.Body.Close()
	if auth.Token == "" {
		t.Fatalf("superuser sign-in failed: %s", res.Status)
	}

	for _, coll := range []string{"customers", "moments", "asks", "referrals", "incentives", "tiers", "rewards", "pages", "outbox", "settings"} {
		url := base + "/api/collections/" + coll + "/records"
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		req.Header.Set("Authorization", auth.Token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var list struct{ TotalItems int }
		_ = json.NewDecoder(res.Body).Decode(&list)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || list.TotalItems == 0 {
			t.Errorf("superuser lists %s: %s with %d items, want 200 with the demo data", coll, res.Status, list.TotalItems)
		}
		guest, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		guest.Body.Close()
		if guest.StatusCode != http.StatusForbidden && guest.StatusCode != http.StatusNotFound {
			t.Errorf("guest lists %s: %s, want 403 or 404", coll, guest.Status)
		}
	}

	home, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	home.Body.Close()
	if home.StatusCode != http.StatusOK || !strings.HasPrefix(home.Header.Get("Content-Type"), "text/html") {
		t.Errorf("home page: %s %s", home.Status, home.Header.Get("Content-Type"))
	}
}

func TestEndToEndServeDemoCreatesAFirstSuperuser(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	port := freePort(t)
	var logs syncBuffer
	serve := exec.Command(bin, "serve", "--demo", "--dir", dir, "--http", fmt.Sprintf("127.0.0.1:%d", port))
	serve.Stdout, serve.Stderr = &logs, &logs
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = serve.Process.Kill(); _ = serve.Wait() }()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(logs.String(), "Server started") {
		if time.Now().After(deadline) {
			t.Fatalf("server did not start:\n%s", logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	var email, password string
	for _, line := range strings.Split(logs.String(), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "email:" {
			email = f[1]
		} else if len(f) == 2 && f[0] == "password:" {
			password = f[1]
		}
	}
	if email == "" || len(password) < 16 {
		t.Fatalf("no superuser credentials printed:\n%s", logs.String())
	}
	body, _ := json.Marshal(map[string]string{"identity": email, "password": password})
	res, err := http.Post(fmt.Sprintf("http://127.0.0.1:%d/api/collections/_superusers/auth-with-password", port), "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("the printed credentials do not sign in: %s", res.Status)
	}
}
