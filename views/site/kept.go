package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// RenderKept is Render for a page opened again and again with the same
// data (a referee's page, a share link): the page is rendered once per
// distinct data and kept with the other pages (CachedPage), so a view
// costs a lookup instead of a template run. A page is a function of its
// view and its data only, so the data, written out in full (%#v), names
// it; data that could change behind a pointer is not kept (see keepable)
// and is rendered every time.
func (v *Views) RenderKept(e *core.RequestEvent, status int, name string, data any) error {
	if !Keepable(data) {
		return v.Render(e, status, name, data)
	}
	page, err := CachedPage(e.App, keptKey(name, data), func() ([]byte, error) {
		return v.Page(name, data)
	})
	if err != nil {
		return renderFailed(e, name, err)
	}
	return WritePage(e, status, page)
}

// keptKey names the page of a view rendered from data: the view's name and
// a digest of the data written out in full.
func keptKey(name string, data any) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%#v", data))
	return "kept\x00" + name + "\x00" + hex.EncodeToString(sum[:])
}

// IsKept reports whether RenderKept has kept the page of view name
// rendered from data (for tests of what is kept).
func IsKept(app core.App, name string, data any) bool { return HasPage(app, keptKey(name, data)) }

// Keepable reports whether RenderKept keeps pages rendered from data (a
// test holds a page's data to it: a field that cannot be kept makes every
// view render the template again).
func Keepable(data any) bool { return keepable(reflect.TypeOf(data)) }

// timeType is time.Time, which keepable allows.
var timeType = reflect.TypeOf(time.Time{})

// keepableTypes remembers keepable's answer for each type.
var keepableTypes sync.Map // reflect.Type → bool

// keepable reports whether a value of type t is written out in full by
// %#v: made of strings, numbers and bools, in structs, arrays, slices and
// maps, never a pointer, an interface, a func or a channel, whose %#v
// would name an address or a type rather than what it holds.
func keepable(t reflect.Type) bool {
	if t == nil {
		return false
	}
	if ok, seen := keepableTypes.Load(t); seen {
		return ok.(bool)
	}
	ok := plain(t, map[reflect.Type]bool{})
	keepableTypes.Store(t, ok)
	return ok
}

// plain is keepable's rule, unremembered; within lists the types being
// looked at, for a type that holds itself (in a slice, say).
func plain(t reflect.Type, within map[reflect.Type]bool) bool {
	if within[t] {
		return true
	}
	within[t] = true
	if t == timeType {
		// %#v writes a time through its GoString: the instant and the
		// zone's name. The zone it points at never changes.
		return true
	}
	switch t.Kind() {
	case reflect.Bool, reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return true
	case reflect.Array, reflect.Slice:
		return plain(t.Elem(), within)
	case reflect.Map:
		return plain(t.Key(), within) && plain(t.Elem(), within)
	case reflect.Struct:
		for i := range t.NumField() {
			if !plain(t.Field(i).Type, within) {
				return false
			}
		}
		return true
	}
	return false
}
