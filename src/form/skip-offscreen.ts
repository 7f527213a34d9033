/**
 * Off-screen skipping that never moves what is on screen. `content-visibility: auto` lets the browser skip the layout
 * and paint of an element out of view, and `contain-intrinsic-size: auto <length>` sizes a skipped element by its last
 * rendered size. An element that was never rendered has no such size and stands in at the placeholder length; it
 * grows when it comes into view, and everything below it moves (a Save button scrolled into view jumped 445 px, out of
 * the window, under the user's pointer).
 *
 * So the element is laid out in full when it mounts and whenever its `shape` changes (a series opened or closed), and
 * may be skipped only once the browser has recorded that size. The browser records it when it delivers
 * ResizeObserver notifications, and an observer's first notification comes after the next layout.
 */
import { useLayoutEffect, useRef, type RefObject } from 'react';

export function useSkipOffscreen<T extends HTMLElement>(shape: unknown): RefObject<T | null> {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    element.style.contentVisibility = 'visible';
    const observer = new ResizeObserver(() => {
      element.style.contentVisibility = 'auto';
      observer.disconnect();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [shape]);
  return ref;
}
