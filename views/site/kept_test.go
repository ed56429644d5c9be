package site

import (
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
		{"a time, which holds its location by pointer", struct{ At time.Time }{}, false},
		{"a func", struct{ F func() }{}, false},
	}
	for _, c := range cases {
		if got := keepable(reflect.TypeOf(c.v)); got != c.want {
			t.Errorf("%s: keepable %v, want %v", c.name, got, c.want)
		}
	}
}
