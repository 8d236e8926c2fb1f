/* embed.c: a build tool. Turns a file into a C source defining
 *   const char NAME[]; const unsigned long NAME_len;
 * so the classroom demo scenario ships inside the binary. */
#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: embed NAME INPUT OUTPUT\n");
		return 2;
	}
	FILE *in = fopen(argv[2], "rb");
	FILE *out = fopen(argv[3], "w");
	if (!in || !out) {
		perror("embed");
		return 1;
	}
	fprintf(out, "/* generated from %s by embed; do not edit */\nconst char %s[] = {\n", argv[2], argv[1]);
	unsigned long n = 0;
	int c;
	while ((c = fgetc(in)) != EOF) {
		fprintf(out, "%d,%s", c, ++n % 20 ? "" : "\n");
	}
	fprintf(out, "0};\nconst unsigned long %s_len = %luUL;\n", argv[1], n);
	fclose(in);
	return fclose(out) ? 1 : 0;
}
