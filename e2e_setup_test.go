package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/mail"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"warmloop/tests/browsertest"
	"warmloop/tests/smtptest"
)

// The journey's person: the first admin, the customer they add, and what
// they type into Settings. The sender name holds a comma, as a real one
// often does ("Maya Chen, Brightwave Analytics").
const (
	setupAdminEmail    = "maya@brightwave.example"
	setupAdminPassword = "a long passphrase for the first run"
	setupCompany       = "Brightwave Analytics"
	setupSenderName    = "Maya Chen, Brightwave Analytics"
	setupSenderAddress = "maya@brightwave.example"
	setupCustomerName  = "Ana Lima"
	setupCustomerEmail = "ana@northwind.example"
)

// setupBrowserUA is a desktop browser's user agent, so that following the
// email's links is a person's GET, not a tool's.
const setupBrowserUA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"

// TestEndToEndFromAnEmptyInstallToTheFirstAskThroughTheDashboard follows
// the README from an empty install to the first ask email in an inbox, as a
// person would: create the first admin, start the server, then only the
// dashboard's pages and forms in headless Chromium (sign in, Settings with
// the sender, the Application URL and SMTP, the test email, add a customer,
// record a promoter's NPS answer). It waits for the ask in the local SMTP
// inbox and follows every link in it. Each step's time and the total are
// reported in the test log, never asserted.
func TestEndToEndFromAnEmptyInstallToTheFirstAskThroughTheDashboard(t *testing.T) {
	bin := buildBinary(t)
	ctx := browsertest.New(t)
	sink := smtptest.Start(t)
	port := freePort(t)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	dir := t.TempDir()

	j := &setupJourney{t: t, ctx: ctx, start: time.Now()}
	j.outside("start a local SMTP inbox (the test's in-process sink)", func() {})
	j.outside("create the first admin: warmloop superuser upsert EMAIL PASSWORD", func() {
		if out, code := run(t, bin, "superuser", "upsert", setupAdminEmail, setupAdminPassword, "--dir", dir); code != 0 {
			t.Fatalf("superuser upsert: %s", out)
		}
	})
	j.outside("start the server: warmloop serve --http 127.0.0.1:PORT (no --demo)", func() {
		j.logs = setupServe(t, bin, dir, port)
		e2eWaitHealthy(t, base, j.logs)
	})
	setupSignIn(j, base)
	setupSettings(j, base, sink)
	setupCustomerAndMoment(j)
	ask := j.waitForMail("the ask email arrives in the inbox (the outbox sends every 5 s)", sink, setupCustomerEmail)
	j.report()

	setupCheckAsk(t, ask, base)
}

// setupSignIn opens the dashboard, which asks to sign in, and signs in
// with the admin made on the command line.
func setupSignIn(j *setupJourney, base string) {
	j.step("open "+base+"/dashboard: it asks to sign in", 0,
		chromedp.Navigate(base+"/dashboard"),
		chromedp.WaitVisible(`#email`, chromedp.ByID),
	)
	j.step("type the admin's email and password, press Sign in", 2,
		chromedp.SendKeys(`#email`, setupAdminEmail, chromedp.ByID),
		chromedp.SendKeys(`#password`, setupAdminPassword, chromedp.ByID),
		chromedp.Click(`//button[normalize-space()="Sign in"]`, chromedp.BySearch),
		chromedp.WaitVisible(`nav.admin-nav`, chromedp.ByQuery),
	)
}

// setupSettings fills Settings as a first-time admin does: company and
// sender, the Application URL (the address in the browser), the SMTP
// server; saves; then sends the test email and checks it arrived.
func setupSettings(j *setupJourney, base string, sink *smtptest.Server) {
	j.step("click Settings in the menu", 0,
		chromedp.Click(`nav.admin-nav a[href="/dashboard/settings"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#company_name`, chromedp.ByID),
	)
	var notice string
	j.step("fill company name, sender name and address, Application URL, SMTP host and port; press Save settings", 6,
		setupRetype(`#company_name`, setupCompany),
		setupRetype(`#sender_name`, setupSenderName),
		setupRetype(`#sender_address`, setupSenderAddress),
		setupRetype(`#app_url`, base),
		setupRetype(`#smtp_host`, sink.Host),
		setupRetype(`#smtp_port`, fmt.Sprint(sink.Port)),
		chromedp.Click(`//button[normalize-space()="Save settings"]`, chromedp.BySearch),
		chromedp.WaitVisible(`main p[role=status], main .form-error`, chromedp.ByQuery),
		chromedp.Text(`main p[role=status], main .form-error`, &notice, chromedp.ByQuery),
	)
	if !strings.Contains(notice, "Saved") {
		j.fail("saving the settings did not say Saved: %q", notice)
	}
	var result string
	j.step("press Send me a test email", 0,
		chromedp.Click(`//button[normalize-space()="Send me a test email"]`, chromedp.BySearch),
		chromedp.WaitVisible(`#test-result .notice, #test-result .form-error`, chromedp.ByQuery),
		chromedp.Text(`#test-result`, &result, chromedp.ByQuery),
	)
	if !strings.Contains(result, "Sent to "+setupAdminEmail) {
		j.fail("the test email was not sent: %q", result)
	}
	if !slices.ContainsFunc(sink.Messages(), func(m smtptest.Message) bool { return slices.Contains(m.To, setupAdminEmail) }) {
		j.fail("the page says the test email was sent, but the inbox has none for %s", setupAdminEmail)
	}
}

// setupCustomerAndMoment adds one customer by hand and records their
// promoter NPS answer on their page, which asks them at once.
func setupCustomerAndMoment(j *setupJourney) {
	j.step("click Customers in the menu", 0,
		chromedp.Click(`nav.admin-nav a[href="/dashboard/customers"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`//a[normalize-space()="Add customer"]`, chromedp.BySearch),
	)
	j.step("click Add customer", 0,
		chromedp.Click(`//a[normalize-space()="Add customer"]`, chromedp.BySearch),
		chromedp.WaitVisible(`#name`, chromedp.ByID),
	)
	j.step("type the customer's name and email, press Add customer", 2,
		chromedp.SendKeys(`#name`, setupCustomerName, chromedp.ByID),
		chromedp.SendKeys(`#email`, setupCustomerEmail, chromedp.ByID),
		chromedp.Click(`//button[normalize-space()="Add customer"]`, chromedp.BySearch),
		chromedp.WaitVisible(`#moment-title`, chromedp.ByID),
	)
	var decision string
	j.step("on their page (NPS answer is chosen already), type score 10, press Record moment", 1,
		chromedp.WaitReady(`//select[@id="kind"]/option[@value="nps"][@selected]`, chromedp.BySearch),
		chromedp.SendKeys(`#score`, "10", chromedp.ByID),
		chromedp.Click(`//button[normalize-space()="Record moment"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//p[@role="status"][contains(., "What the rule decided")]`, chromedp.BySearch),
		chromedp.Text(`//p[@role="status"][contains(., "What the rule decided")]`, &decision, chromedp.BySearch),
	)
	if !strings.Contains(decision, "Asked") {
		j.fail("the moment did not ask the customer: %q", decision)
	}
}

// setupCheckAsk checks the ask email: its sender as typed, an ask link, an
// unsubscribe link and List-Unsubscribe, all on the served address, and
// every link answering a browser's GET with 200 there.
func setupCheckAsk(t *testing.T, raw smtptest.Message, base string) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw.Data))
	if err != nil {
		t.Fatal(err)
	}
	from, err := mail.ParseAddress(msg.Header.Get("From"))
	if err != nil || from.Name != setupSenderName || from.Address != setupSenderAddress {
		t.Errorf("the ask's From %q reads as %v (%v), want %q <%s>", msg.Header.Get("From"), from, err, setupSenderName, setupSenderAddress)
	}
	text, html := smtptest.Parts(t, msg)
	unsubscribe := strings.Trim(msg.Header.Get("List-Unsubscribe"), "<>")
	if !strings.HasPrefix(unsubscribe, base+"/u/") {
		t.Errorf("List-Unsubscribe is %q, want a link under %s/u/", msg.Header.Get("List-Unsubscribe"), base)
	}
	var links []string
	for _, l := range append(e2eLink.FindAllString(text+" "+html, -1), unsubscribe) {
		if !slices.Contains(links, l) {
			links = append(links, l)
		}
	}
	for _, prefix := range []string{base + "/r/", base + "/u/"} {
		if !slices.ContainsFunc(links, func(l string) bool { return strings.HasPrefix(l, prefix) }) {
			t.Errorf("the ask email has no link under %s: %v", prefix, links)
		}
	}
	for _, link := range links {
		setupFollow(t, link, base)
	}
}

// setupFollow GETs link as a browser would and wants 200 from base.
func setupFollow(t *testing.T, link, base string) {
	t.Helper()
	if !strings.HasPrefix(link, base+"/") {
		t.Errorf("link %s does not point at the served address %s", link, base)
		return
	}
	req, _ := http.NewRequest(http.MethodGet, link, nil)
	req.Header.Set("User-Agent", setupBrowserUA)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Errorf("GET %s: %v", link, err)
		return
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Request.URL.String(), base+"/") {
		t.Errorf("GET %s answered %s at %s, want 200 from %s", link, res.Status, res.Request.URL, base)
		return
	}
	t.Logf("GET %s: %s", link, res.Status)
}

// setupServe starts the built binary on an empty data directory and stops
// it when the test ends.
func setupServe(t *testing.T, bin, dir string, port int) *syncBuffer {
	t.Helper()
	var logs syncBuffer
	serve := exec.Command(bin, "serve", "--dir", dir, "--http", fmt.Sprintf("127.0.0.1:%d", port))
	serve.Stdout, serve.Stderr = &logs, &logs
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = serve.Process.Signal(syscall.SIGTERM)
		_ = serve.Wait()
	})
	return &logs
}

// setupRetype clears a field and types value into it, as a person
// replacing what the form holds does.
func setupRetype(sel, value string) chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.Clear(sel, chromedp.ByQuery),
		chromedp.SendKeys(sel, value, chromedp.ByQuery),
	}
}

// setupJourney times a person's way through the product, step by step:
// each page visit and each form sent (or command run) is one step.
type setupJourney struct {
	t      *testing.T
	ctx    context.Context
	logs   *syncBuffer
	start  time.Time
	steps  []setupStep
	fields int
}

type setupStep struct {
	what    string
	took    time.Duration
	counted bool
}

// outside is a step taken outside the browser, in a terminal.
func (j *setupJourney) outside(what string, do func()) {
	began := time.Now()
	do()
	j.steps = append(j.steps, setupStep{"[terminal] " + what, time.Since(began), true})
}

// step is one page visit or one form sent in the browser, with the number
// of fields the person types or chooses on the way.
func (j *setupJourney) step(what string, fields int, actions ...chromedp.Action) {
	began := time.Now()
	if err := chromedp.Run(j.ctx, actions...); err != nil {
		j.fail("step %q: %v", what, err)
	}
	j.fields += fields
	j.steps = append(j.steps, setupStep{"[browser] " + what, time.Since(began), true})
}

// waitForMail waits, doing nothing, until the inbox holds a message to
// `to`; the wait counts in the time, not as a step.
func (j *setupJourney) waitForMail(what string, sink *smtptest.Server, to string) smtptest.Message {
	began := time.Now()
	deadline := began.Add(30 * time.Second)
	for {
		for _, m := range sink.Messages() {
			if slices.Contains(m.To, to) {
				j.steps = append(j.steps, setupStep{"[wait] " + what, time.Since(began), false})
				return m
			}
		}
		if time.Now().After(deadline) {
			j.fail("no email to %s within 30s", to)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// report logs the numbered steps with their times, then the totals.
func (j *setupJourney) report() {
	total, n := time.Since(j.start), 0
	var b strings.Builder
	b.WriteString("from an empty install to the first ask in the inbox:\n")
	for _, s := range j.steps {
		label := "  -"
		if s.counted {
			n++
			label = fmt.Sprintf("%3d", n)
		}
		fmt.Fprintf(&b, "%s. %-110s %6.2fs\n", label, s.what, s.took.Seconds())
	}
	fmt.Fprintf(&b, "total: %.1fs, %d steps (%d outside the browser), %d fields typed or chosen",
		total.Seconds(), n, j.outsideSteps(), j.fields)
	j.t.Log(b.String())
}

func (j *setupJourney) outsideSteps() int {
	n := 0
	for _, s := range j.steps {
		if strings.HasPrefix(s.what, "[terminal]") {
			n++
		}
	}
	return n
}

// fail stops the journey with a screenshot of the page and the server's log.
func (j *setupJourney) fail(format string, args ...any) {
	j.t.Helper()
	browsertest.Screenshot(j.t, j.ctx, "e2e-setup-failure")
	logs := ""
	if j.logs != nil {
		logs = j.logs.String()
	}
	j.t.Fatalf(format+"\nserver log:\n%s", append(args, logs)...)
}
