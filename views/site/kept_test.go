package site

import (
	"fmt"
	"html/template"
	"reflect"
	"testing"
	"time"
)

func TestOnlyDataWrittenOutInFullIsKept(t *testing.T) {
	type panel struct {
		Code   string
		Errors map[string]string
		Booked bool
	}
	type page struct {
		Layout
		Body  template.HTML
		Count int
		Panel panel
		Tags  []string
	}
	type tree struct{ Children []tree }
	cases := []struct {
		name string
		v    any
		want bool
	}{
		{"strings, numbers, bools, maps and slices in structs", page{}, true},
		{"a type that holds itself", tree{}, true},
		{"a pointer", &page{}, false},
		{"a struct holding a pointer", struct{ P *page }{}, false},
		{"an interface", struct{ V any }{}, false},
		{"a time, written out by its GoString", struct{ At []time.Time }{}, true},
		{"a func", struct{ F func() }{}, false},
	}
	for _, c := range cases {
		if got := keepable(reflect.TypeOf(c.v)); got != c.want {
			t.Errorf("%s: keepable %v, want %v", c.name, got, c.want)
		}
	}
	// A time names the page by its instant and its zone.
	at := time.Date(2026, 11, 3, 14, 5, 0, 0, time.UTC)
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	type made struct{ Introduced time.Time }
	keys := map[string]bool{}
	for _, v := range []made{{at}, {at.Add(time.Second)}, {at.In(berlin)}} {
		keys[fmt.Sprintf("%#v", v)] = true
	}
	if len(keys) != 3 {
		t.Errorf("times a second or a zone apart share a key: %v", keys)
	}
}
