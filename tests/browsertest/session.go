package browsertest

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// SignIn gives the browser the dashboard's session cookie for the server at
// serverURL, holding token, as a sign-in would have set it.
func SignIn(t *testing.T, ctx context.Context, serverURL, token string) {
	t.Helper()
	host := strings.Split(strings.TrimPrefix(serverURL, "http://"), ":")[0]
	if err := chromedp.Run(ctx, chromedp.ActionFunc(func(c context.Context) error {
		return network.SetCookie("warmloop_session", token).WithDomain(host).WithPath("/").WithHTTPOnly(true).Do(c)
	})); err != nil {
		t.Fatal(err)
	}
}
