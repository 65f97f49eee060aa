/**
 * The park map: every parcel's polygon as an SVG path (parcel-map.ts projects the GeoJSON; no tiles, no network),
 * filled by the colouring the page chose, inefficient land with a dashed outline, the code written on parcels wide
 * enough to hold it. Hovering (or focusing) a parcel previews it, clicking (or Enter/Space) selects it; the
 * selected one is outlined on top of the others.
 */
import { useMemo, type KeyboardEvent } from 'react';
import type { ParcelFeature } from './land-api';
import { boundsOf, labelPoint, projection, svgPath } from './parcel-map';

const SIZE = { width: 960, height: 560 };
/** The profile's small map, drawn at the size it is shown (so layout does not reserve the large one's height). */
const COMPACT_SIZE = { width: 420, height: 280 };
const PADDING = 12;
/** SVG units per character of a parcel code at the label size, to decide whether it fits. */
const LABEL_CHAR_WIDTH = 6.2;

interface Props {
  readonly features: readonly ParcelFeature[];
  readonly fills: ReadonlyMap<string, string>;
  readonly selectedId: string | null;
  readonly hoveredId: string | null;
  readonly caption: string;
  readonly onHover: (id: string | null) => void;
  readonly onSelect: (id: string) => void;
  /** A smaller drawing without labels (the parcel profile). */
  readonly compact?: boolean;
}

export function ParkMapView(props: Props) {
  const { features, fills, selectedId, hoveredId, onHover, onSelect, compact = false } = props;
  const drawing = useMemo(() => {
    const bounds = boundsOf(features.map((f) => f.geometry));
    if (!bounds) return null;
    const p = projection(bounds, compact ? COMPACT_SIZE : SIZE, PADDING);
    return {
      width: p.width,
      height: p.height,
      parcels: features.map((f) => ({
        feature: f,
        d: svgPath(f.geometry, p),
        label: labelPoint(f.geometry, p),
      })),
    };
  }, [features, compact]);
  if (!drawing) return null;

  const key = (id: string) => (event: KeyboardEvent<SVGPathElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(id);
    }
  };
  const selected = drawing.parcels.find((p) => p.feature.id === selectedId);
  const hovered = drawing.parcels.find((p) => p.feature.id === hoveredId && p.feature.id !== selectedId);

  return (
    <figure className={`parcels-map${compact ? ' parcels-map--compact' : ''}`}>
      <svg
        className="parcels-map__svg"
        viewBox={`0 0 ${Math.round(drawing.width)} ${Math.round(drawing.height)}`}
        // The drawing's size as its intrinsic size (CSS scales it to the column), so layout knows its proportions.
        width={Math.round(drawing.width)}
        height={Math.round(drawing.height)}
        role="group"
        aria-label={props.caption}
        onMouseLeave={() => onHover(null)}
      >
        <rect className="parcels-map__ground" width={drawing.width} height={drawing.height} />
        <g>
          {drawing.parcels.map(({ feature, d }) => (
            <path
              key={feature.id}
              d={d}
              fill={fills.get(feature.id) ?? '#d0d5dd'}
              fillRule="evenodd"
              className={`parcels-map__parcel${feature.properties.inefficient ? ' parcels-map__parcel--inefficient' : ''}`}
              data-id={feature.id}
              data-code={feature.properties.code}
              tabIndex={0}
              role="button"
              aria-pressed={feature.id === selectedId}
              aria-label={`${feature.properties.code} ${feature.properties.name}`}
              onMouseEnter={() => onHover(feature.id)}
              onFocus={() => onHover(feature.id)}
              onBlur={() => onHover(null)}
              onClick={() => onSelect(feature.id)}
              onKeyDown={key(feature.id)}
            >
              <title>{`${feature.properties.code} ${feature.properties.name}`}</title>
            </path>
          ))}
        </g>
        {!compact && (
          <g className="parcels-map__labels" aria-hidden="true">
            {drawing.parcels
              .filter(({ feature, label }) => feature.properties.code.length * LABEL_CHAR_WIDTH < label.w - 4)
              .map(({ feature, label }) => (
                <text key={feature.id} x={label.x} y={label.y} textAnchor="middle" dominantBaseline="central">
                  {feature.properties.code}
                </text>
              ))}
          </g>
        )}
        {hovered && <path className="parcels-map__hover" d={hovered.d} fillRule="evenodd" />}
        {selected && <path className="parcels-map__selected" d={selected.d} fillRule="evenodd" />}
      </svg>
      <figcaption className="parcels-map__caption">{props.caption}</figcaption>
    </figure>
  );
}
