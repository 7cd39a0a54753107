/* Placeholder chart until the SVG writer lands. */
#include "analyze.h"

int
an_svg_write(FILE *out, const struct an_result *r, int width, int height)
{
	(void)r;
	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\"></svg>\n", width, height);
	return ferror(out) ? -1 : 0;
}
