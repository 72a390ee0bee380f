/* Test tool: exit 0 when standard input is one valid JSON document, and
 * print the value at an optional path (array index / key, e.g. "0.login"). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	json_error_t e;
	json_t *root = json_loadf(stdin, 0, &e), *v;
	char path[256], *tok, *save = NULL;

	if (!root) {
		fprintf(stderr, "jsoncheck: line %d: %s\n", e.line, e.text);
		return 1;
	}
	v = root;
	if (argc > 1) {
		snprintf(path, sizeof path, "%s", argv[1]);
		for (tok = strtok_r(path, ".", &save); tok && v; tok = strtok_r(NULL, ".", &save))
			v = json_is_array(v) ? json_array_get(v, strtoul(tok, NULL, 10))
					     : json_object_get(v, tok);
		if (!v) {
			fprintf(stderr, "jsoncheck: no value at %s\n", argv[1]);
			return 2;
		}
		if (json_is_string(v))
			puts(json_string_value(v));
		else if (json_is_integer(v))
			printf("%lld\n", (long long)json_integer_value(v));
		else if (json_is_array(v))
			printf("array %zu\n", json_array_size(v));
		else if (json_is_null(v))
			puts("null");
		else if (json_is_real(v))
			printf("%g\n", json_real_value(v));
		else
			puts("other");
	}
	json_decref(root);
	return 0;
}
