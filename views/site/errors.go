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
				return translatedError(e, http.StatusTooManyRequests, "error.busy")
			}
			e.App.Logger().Error("a public page failed", "path", e.Request.URL.Path, "error", err)
			return translatedError(e, http.StatusInternalServerError, "error.fault")
		},
	}
}

// crossOrigin refuses state-changing requests that a browser marks as coming
// from another site (Sec-Fetch-Site / Origin).
var crossOrigin = http.NewCrossOriginProtection()

// SameOrigin refuses cross-site form posts. Safe methods pass untouched.
func SameOrigin(e *core.RequestEvent) error {
	if err := crossOrigin.Check(e.Request); err != nil {
		return translatedError(e, http.StatusForbidden, "error.cross_site")
	}
	return e.Next()
}

// translatedError is the error page whose title and message are the
// catalog's id+".title" and id+".message", in the program's default language.
func translatedError(e *core.RequestEvent, status int, id string) error {
	l := LayoutFor(e.App)
	return Error(e, l, status, l.T(id+".title"), l.T(id+".message"))
}
