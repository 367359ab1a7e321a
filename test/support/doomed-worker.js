// A worker process that runs the certification workflows and takes the projection activity
// but never finishes it, so a test can SIGKILL it mid-activity as a crash would. Plain
// JavaScript: it runs under node directly, with the workflow bundle jest's setup built.
// Arguments: <address> <namespace> <task queue> <workflow bundle> <sticky timeout>.
const { DefaultLogger, NativeConnection, Runtime, Worker } = require('@temporalio/worker');

async function main() {
  const [address, namespace, taskQueue, codePath, stickyTimeout] = process.argv.slice(2);
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowBundle: { codePath },
    stickyQueueScheduleToStartTimeout: stickyTimeout,
    activities: {
      projectTransition() {
        process.stdout.write('ACTIVITY_STARTED\n');
        return new Promise(() => {});
      },
    },
  });
  process.stdout.write('READY\n');
  await worker.run();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
