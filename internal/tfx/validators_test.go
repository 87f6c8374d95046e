package tfx

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestURLSet: one error per bad element, on the set attribute, quoting the element.
func TestURLSet(t *testing.T) {
	set := types.SetValueMust(types.StringType, []attr.Value{
		types.StringValue("https://ok.example/cb"), types.StringValue("not a url"), types.StringValue("/relative"),
	})
	var resp validator.SetResponse
	URLSet(URLOptions{}).ValidateSet(context.Background(), validator.SetRequest{Path: path.Root("redirect_uris"), ConfigValue: set}, &resp)
	if resp.Diagnostics.ErrorsCount() != 2 {
		t.Fatalf("want one error per bad URI (2): %v", resp.Diagnostics)
	}
	all := ""
	for _, d := range resp.Diagnostics {
		all += d.Detail() + "\n"
	}
	for _, s := range []string{`redirect_uris: "not a url" contains white space`, `redirect_uris: "/relative" must be an absolute`} {
		if !strings.Contains(all, s) {
			t.Errorf("missing %q in:\n%s", s, all)
		}
	}
}

// TestNotBlank: blanks are quoted so that they can be seen.
func TestNotBlank(t *testing.T) {
	var resp validator.StringResponse
	NotBlank().ValidateString(context.Background(), validator.StringRequest{Path: path.Root("name"), ConfigValue: types.StringValue("  \t")}, &resp)
	if resp.Diagnostics.ErrorsCount() != 1 || !strings.Contains(resp.Diagnostics[0].Detail(), `got "  \t"`) {
		t.Fatalf("diagnostics: %v", resp.Diagnostics)
	}
	resp = validator.StringResponse{}
	NotBlank().ValidateString(context.Background(), validator.StringRequest{Path: path.Root("name"), ConfigValue: types.StringValue(" a ")}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("a value with text is not blank: %v", resp.Diagnostics)
	}
}
