package site

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"
)

// PublicErrors answers a failure on a public page with the error page, not
// PocketBase's JSON: a person who posted a form too often, or hit a fault,
// reads what happened and what to do. It runs before the rate limiter so it
// sees the limiter's refusal too.
func PublicErrors() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Priority: apis.DefaultRateLimitMiddlewarePriority - 1,
		Func: func(e *core.RequestEvent) error {
			err := e.Next()
			if err == nil {
				return nil
			}
			var apiErr *router.ApiError
			if errors.As(err, &apiErr) && apiErr.Status == http.StatusTooManyRequests {
				return Error(e, LayoutFor(e.App), http.StatusTooManyRequests, "Too many tries",
					"This form was sent many times from your network in the last minute. Please wait a minute and send it again.")
			}
			e.App.Logger().Error("a public page failed", "path", e.Request.URL.Path, "error", err)
			return Error(e, LayoutFor(e.App), http.StatusInternalServerError, "Something went wrong on our side",
				"Nothing was sent. Please go back and try again in a moment; what you typed is still in your browser.")
		},
	}
}

// crossOrigin refuses state-changing requests that a browser marks as coming
// from another site (Sec-Fetch-Site / Origin).
var crossOrigin = http.NewCrossOriginProtection()

// SameOrigin refuses cross-site form posts. Safe methods pass untouched.
func SameOrigin(e *core.RequestEvent) error {
	if err := crossOrigin.Check(e.Request); err != nil {
		return Error(e, LayoutFor(e.App), http.StatusForbidden, "Request refused",
			"This form was sent from another site. Open the page directly and try again.")
	}
	return e.Next()
}
