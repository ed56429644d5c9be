package signin

import "github.com/pocketbase/pocketbase/core"

// WatchValidate makes every password check call watch with the record
// whose hash it checks, until undo is called.
func WatchValidate(watch func(*core.Record)) (undo func()) {
	validate = func(r *core.Record, password string) bool {
		watch(r)
		return r.ValidatePassword(password)
	}
	return func() { validate = (*core.Record).ValidatePassword }
}
