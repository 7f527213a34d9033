// The launch page stays free of React and MUI so that the redirect to the authorization server starts at once.
import { startLaunch } from '../fhir/launch';
import { describeLaunchError } from '../fhir/session';

function show(title: string, message: string): void {
  const problem = document.getElementById('problem');
  const status = document.getElementById('status');
  if (status) status.hidden = true;
  document.getElementById('problem-title')!.textContent = title;
  document.getElementById('problem-message')!.textContent = message;
  if (problem) problem.hidden = false;
}

startLaunch(window.location).catch((err: unknown) => {
  if (err instanceof Error && err.name === 'LaunchRefused') {
    show('This launch was refused', err.message);
  } else {
    const problem = describeLaunchError(err);
    show(problem.title, problem.message);
  }
});
