// Package browsertest drives headless Chromium (chromedp) for the browser
// tests. On a machine without Chromium the tests skip with a message; with
// WARMLOOP_BROWSER_TESTS=required (as CI sets it) they fail instead.
package browsertest

import (
	"strings"
	"sync"

	cdplog "github.com/chromedp/cdproto/log"

	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Required is the environment variable that makes the browser tests fail,
// not skip, when no browser is found.
const Required = "WARMLOOP_BROWSER_TESTS"

// browsers are the executables tried, in order.
var browsers = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// New starts a headless browser for the test and returns a tab's context,
// which ends after a minute.
func New(t *testing.T) context.Context {
	t.Helper()
	return NewFor(t, 60*time.Second)
}

// NewFor is New for a test that needs the browser longer than a minute (a
// sweep of every page).
func NewFor(t *testing.T, limit time.Duration) context.Context {
	t.Helper()
	path := ""
	for _, b := range browsers {
		if p, err := exec.LookPath(b); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv(Required) == "required" {
			t.Fatalf("%s=required but no Chromium is installed (apt-get install chromium)", Required)
		}
		t.Skipf("browser test skipped: no Chromium found (install Debian's chromium, or set %s=required to make this fail)", Required)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // CI runs as root in a container
		chromedp.Flag("disable-dev-shm-usage", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, limit)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	failOnPolicyViolations(t, ctx)
	return ctx
}

// failOnPolicyViolations fails the test if a page it opens breaks its
// Content-Security-Policy (an inline script, a blocked style): a page that
// works only with the policy off does not work for a real visitor.
func failOnPolicyViolations(t *testing.T, ctx context.Context) {
	t.Helper()
	var mu sync.Mutex
	var violations []string
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*cdplog.EventEntryAdded); ok && strings.Contains(e.Entry.Text, "Content Security Policy") {
			mu.Lock()
			violations = append(violations, e.Entry.URL+": "+e.Entry.Text)
			mu.Unlock()
		}
	})
	if err := chromedp.Run(ctx, cdplog.Enable()); err != nil {
		t.Fatalf("listening to the browser's log: %v", err)
	}
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, v := range violations {
			t.Errorf("a page broke its Content-Security-Policy: %s", v)
		}
	})
}

// Screenshot saves a full-page PNG as a test artifact, in $ARTIFACTS_DIR or
// the repository's artifacts/ directory, and returns its path; a name may
// hold a folder ("sweep/overview-390").
func Screenshot(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	dir := os.Getenv("ARTIFACTS_DIR")
	if dir == "" {
		out, err := exec.Command("go", "env", "GOMOD").Output()
		if err != nil {
			t.Fatal(err)
		}
		dir = filepath.Join(filepath.Dir(string(out[:len(out)-1])), "artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var png []byte
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
	return path
}
