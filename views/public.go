package views

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"
)

// publicErrors answers a failure on a public page with the error page, not
// PocketBase's JSON: a person who posted a form too often, or hit a fault,
// reads what happened and what to do. It runs before the rate limiter so it
// sees the limiter's refusal too.
func publicErrors() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Priority: apis.DefaultRateLimitMiddlewarePriority - 1,
		Func: func(e *core.RequestEvent) error {
			err := e.Next()
			if err == nil {
				return nil
			}
			var apiErr *router.ApiError
			if errors.As(err, &apiErr) && apiErr.Status == http.StatusTooManyRequests {
				return render(e, http.StatusTooManyRequests, "error", errorPage{
					Layout: layoutFor(e.App), Code: http.StatusTooManyRequests,
					Title:   "Too many tries",
					Message: "This form was sent many times from your network in the last minute. Please wait a minute and send it again.",
				})
			}
			e.App.Logger().Error("a public page failed", "path", e.Request.URL.Path, "error", err)
			return render(e, http.StatusInternalServerError, "error", errorPage{
				Layout: layoutFor(e.App), Code: http.StatusInternalServerError,
				Title:   "Something went wrong on our side",
				Message: "Nothing was sent. Please go back and try again in a moment; what you typed is still in your browser.",
			})
		},
	}
}
