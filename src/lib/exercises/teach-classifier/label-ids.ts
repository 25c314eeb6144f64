/** Shapes a course can name by id in `labels:`; their names come from the `exercises` strings. */
export const SHAPE_LABEL_IDS = ['circle', 'cross', 'line', 'triangle', 'square', 'smile'] as const;

export type ShapeLabelId = (typeof SHAPE_LABEL_IDS)[number];
